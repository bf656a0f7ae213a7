import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, setServerUrl, startServer, waitFor } from './harness';

describe('activation and contributions', () => {
  it('activates without any network request or error', async () => {
    const server = await startServer();
    try {
      await setServerUrl(server.baseUrl);
      const api = await extensionApi();
      assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
      assert.ok(api.store);
      // The view is not shown and no command ran: activation must not have talked to the server.
      assert.equal(server.requests.length, 0);
    } finally {
      await setServerUrl(undefined);
      await server.close();
    }
  });

  it('registers every command the manifest contributes', async () => {
    await extensionApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string; category: string; icon: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 9);
    for (const id of contributed) {
      assert.ok(registered.has(id), `${id} is registered`);
    }
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'ScrapeHub', command.command);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, command.command);
    }
  });

  it('shows the "no server" state until a server is configured', async () => {
    const api = await extensionApi();
    await setServerUrl(undefined);
    await api.store.refresh();
    await waitFor(() => api.store.state === 'noServer', 'noServer state');
    assert.deepEqual(api.view.provider.getChildren(), []);
  });

  it('refuses a workspace-unsafe URL (plain http to a remote host) and says why', async () => {
    const api = await extensionApi();
    await setServerUrl('http://hub.example.com');
    await waitFor(() => api.store.state === 'invalidServer', 'invalidServer state');
    assert.match(api.view.treeView.message ?? '', /https/);
    await setServerUrl(undefined);
  });
});
