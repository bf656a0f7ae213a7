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

  it('has welcome content, with a fixing action, for every state the view can be in', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { viewsWelcome: Array<{ when: string; contents: string }> } };
    const commands = new Set((manifest as unknown as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command));
    for (const state of ['noServer', 'invalidServer', 'noKey', 'keyRejected', 'unreachable', 'empty']) {
      const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.when === `scrapehub.state == ${state}`);
      assert.ok(welcome, `welcome content for ${state}`);
      const actions = [...welcome.contents.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(actions.length > 0 && actions.every((id) => commands.has(id)), `${state} offers a real command`);
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
    // The welcome content for this state explains it; a view message would hide it.
    assert.equal(api.view.treeView.message, undefined);
    assert.deepEqual(api.view.provider.getChildren(), []);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { viewsWelcome: Array<{ when: string; contents: string }> } };
    const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.when === 'scrapehub.state == invalidServer');
    assert.match(welcome?.contents ?? '', /https.*\[Configure Server\]\(command:scrapehub\.configureServer\)/s);
    await setServerUrl(undefined);
  });
});
