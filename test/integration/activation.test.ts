/**
 * What activation sets up, seen from VS Code: every command id registered and reaching its
 * handler through the error boundary, and the Messages view drawing the server's data.
 * (The manifest's own consistency is checked in plain Node: test/unit/manifest.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../src/contributions/commandIds';
import { EXTENSION_ID, connectedSuite, extensionApi, recordNotices, scraperNodes, setServerUrl, waitFor } from './harness';

const contributedCommands = (): string[] =>
  (
    vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } }
  ).contributes.commands.map((command) => command.command);

/** Commands that act on a tree row: each must refuse an argument that is not one. */
const ROW_COMMANDS = [
  CommandId.SendMessage,
  CommandId.AcknowledgeMessage,
  CommandId.AcknowledgeAll,
  CommandId.OpenMessage,
  CommandId.CopyMessageId,
  CommandId.CopyMessageJson,
  CommandId.SendAgain,
  CommandId.AcknowledgeAllOfType,
  CommandId.ShowMore,
];

describe('activation', () => {
  const suite = connectedSuite();

  it("registers every command the manifest contributes (the manifest test keeps those equal to the code's)", async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributedCommands().filter((id) => !registered.has(id)),
      [],
    );
  });

  it('runs each row command through its handler and the error boundary: an argument that is not a row is refused, with a clear message, and nothing is sent', async () => {
    const notices = recordNotices(suite.api);
    const pending = suite.server.messages.find((message) => !message.acknowledgedAt && message.scraperName === 'acme-prices');
    assert.ok(pending);
    const before = suite.server.requests.length;
    const acknowledged = () => suite.server.messages.filter((message) => message.acknowledgedAt).map((message) => message.id);
    const acknowledgedBefore = acknowledged();
    for (const id of ROW_COMMANDS) {
      // A `command:` link or another extension can pass anything; VS Code itself passes rows.
      await vscode.commands.executeCommand(id, { messageId: pending.id, scraperName: pending.scraperName });
    }
    assert.equal(notices.length, ROW_COMMANDS.length, notices.map((notice) => notice.message).join('\n'));
    for (const notice of notices) {
      assert.equal(notice.severity, 'error');
      assert.match(notice.message, /^Could not [^:]+: The command was given something it cannot act on, so it did nothing\.$/);
    }
    assert.equal(suite.server.requests.length, before, 'no request reached the server');
    assert.deepEqual(acknowledged(), acknowledgedBefore, 'nothing acknowledged');
  });

  it('draws the Messages view from the server once it is shown', async () => {
    await vscode.commands.executeCommand('scrapehub.messages.focus');
    await waitFor(() => suite.api.view.treeView.visible, 'the view is visible');
    await waitFor(() => scraperNodes(suite.api).length > 0, 'scraper rows drawn');
    assert.deepEqual(
      scraperNodes(suite.api).map((node) => node.name),
      ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
    );
  });
});

describe('activation: server states', () => {
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
    // The welcome content for this state explains it (test/unit/manifest.test.ts); a view message would hide it.
    // VS Code reports an unset message as '' (or undefined, once one was set and cleared).
    assert.ok(!api.view.treeView.message, `no view message, got ${JSON.stringify(api.view.treeView.message)}`);
    assert.deepEqual(api.view.provider.getChildren(), []);
    await setServerUrl(undefined);
  });
});
