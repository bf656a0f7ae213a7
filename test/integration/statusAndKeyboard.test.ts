import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connect, connectedSuite, messageNodes, scraperNodes, tooltipText, waitFor, withAnswers } from './harness';

describe('Status bar, keyboard and connection info', () => {
  const suite = connectedSuite();
  const acked = (id: string) => suite.server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined;

  it('status bar shows the pending count with KILL_REQUESTs highlighted, and opens the view', () => {
    const nodes = scraperNodes(suite.api);
    const total = nodes.reduce((sum, node) => sum + node.group.messages.length, 0);
    const kills = nodes.flatMap((node) => node.group.messages).filter((m) => m.messageType === 'KILL_REQUEST').length;
    assert.ok(kills > 0);
    const item = suite.api.statusBar;
    assert.equal(item.text, `$(mail) ${total}  $(stop-circle) ${kills}`);
    assert.equal((item.backgroundColor as unknown as { id: string }).id, 'statusBarItem.warningBackground');
    assert.equal(item.command, 'scrapehub.messages.focus');
  });

  it('status bar warns when the key is rejected', async () => {
    await connect(suite.api, suite.server, 'revoked-key');
    assert.equal(suite.api.statusBar.text, '$(warning) ScrapeHub');
    assert.match(tooltipText(suite.api.statusBar.tooltip), /API key rejected/);
    assert.equal((suite.api.statusBar.backgroundColor as unknown as { id: string }).id, 'statusBarItem.errorBackground');
  });

  it('Delete acknowledges the selected message after a confirmation', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    const [node] = messageNodes(suite.api, 'acme-prices');
    await suite.api.view.treeView.reveal(node, { select: true, focus: true });
    await waitFor(() => suite.api.view.treeView.selection.includes(node), 'selected');
    const { prompts } = await withAnswers(suite.api, [{ confirm: false }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeMessage', { fromKeyboard: true }),
    );
    assert.match(prompts.asked[0].message!, /Acknowledge the (KILL_REQUEST|START) message for "acme-prices"\?/);
    assert.equal(acked(node.message.id), false, 'declined: nothing acknowledged');
    await withAnswers(suite.api, [{ confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeMessage', { fromKeyboard: true }),
    );
    assert.equal(acked(node.message.id), true);
  });

  it('Ctrl+C copies the selected message id', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    const [node] = messageNodes(suite.api, 'news-crawler');
    await suite.api.view.treeView.reveal(node, { select: true, focus: true });
    await waitFor(() => suite.api.view.treeView.selection.includes(node), 'selected');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('scrapehub.copyMessageId', { fromKeyboard: true });
    assert.equal(await vscode.env.clipboard.readText(), node.message.id);
  });

  it('Show Connection Info names the user, roles, scrapers and server version', async () => {
    const { prompts } = await withAnswers(suite.api, ['dismiss'], () => vscode.commands.executeCommand('scrapehub.showConnectionInfo'));
    const shown = prompts.asked[0];
    assert.match(shown.message!, new RegExp(`Connected to ${suite.server.origin.replace(/[.:/]/g, '\\$&')} as Ada Operator \\(ada\\)`));
    assert.match(shown.detail!, /Server API version: 1\.0\.0/);
    assert.match(shown.detail!, /Roles: operator/);
    assert.match(shown.detail!, /Assigned scrapers: acme-prices, news-crawler, shop-inventory, weather-feed/);
  });
});
