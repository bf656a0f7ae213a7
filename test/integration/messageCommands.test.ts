import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScraperMessage } from '../../src/api/types';
import { copiedIdsText, copiedJsonText } from '../../src/commands/messageCommands';
import type { TestingApi } from '../../src/testing/testingApi';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { connect, extensionApi, messageNodes, setServerUrl, startServer, treeItem, withAnswers } from './harness';

describe('Open Message and Copy Message ID', () => {
  let api: TestingApi;
  let server: RunningScrapeHubServer;

  before(async () => {
    api = await extensionApi();
    server = await startServer();
    await connect(api, server);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setServerUrl(undefined);
    await server.close();
  });

  it('clicking a message opens it as a read-only JSON document', async () => {
    const [node] = messageNodes(api, 'acme-prices');
    const click = treeItem(api, node).command!;
    assert.equal(click.command, 'scrapehub.openMessage');
    await vscode.commands.executeCommand(click.command, ...((click.arguments ?? []) as unknown[]));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.scheme, 'scrapehub-message');
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(JSON.parse(editor.document.getText()), node.message);
    const edited = await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'x'));
    const changed = editor.document.getText().startsWith('x');
    assert.ok(!edited || !changed, 'the document cannot be edited');
  });

  it('opens a message picked from the palette', async () => {
    const target = messageNodes(api, 'news-crawler')[0].message;
    await withAnswers(api, [{ pick: { id: target.id } }], () => vscode.commands.executeCommand('scrapehub.openMessage'));
    assert.equal((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { id: string }).id, target.id);
  });

  it('copies the message id to the clipboard', async () => {
    const [node] = messageNodes(api, 'shop-inventory');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('scrapehub.copyMessageId', node);
    assert.equal(await vscode.env.clipboard.readText(), node.message.id);
  });

  it('shows a server id in the status bar as sent: $(icon) syntax escaped, one line', () => {
    const message = { id: 'm-$(zap)\n$(copy) Copied message ID fake', scraperName: 'acme-prices' } as ScraperMessage;
    assert.equal(copiedIdsText([message]), '$(copy) Copied message ID m-\\$(zap) \\$(copy) Copied message ID fake');
    assert.equal(copiedJsonText(message), '$(copy) Copied message m-\\$(zap) \\$(copy) Copied message ID fake as JSON');
  });
});
