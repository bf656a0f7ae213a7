import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectedSuite, messageNodes, recordNotices, scraperNode, waitFor, withAnswers, shownMessage } from './harness';

describe('Acknowledge', () => {
  const suite = connectedSuite();

  const acked = (id: string) => suite.server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined;

  it('acknowledges one message from its node; it leaves the tree and the server marks it', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'acme-prices');
    const badge = suite.api.view.treeView.badge!.value;
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(acked(node.message.id));
    assert.equal(shownMessage(suite.api, node.message.id), undefined);
    assert.equal(suite.api.view.treeView.badge?.value, badge - 1);
    assert.ok(notices.some((n) => n.message === 'Acknowledged 1 message.'));
  });

  it('acknowledges the whole selection when the clicked message is part of it', async () => {
    const nodes = [...messageNodes(suite.api, 'acme-prices'), ...messageNodes(suite.api, 'news-crawler')];
    assert.ok(nodes.length >= 3);
    const selection = nodes.slice(0, 3);
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', selection[1], selection);
    assert.deepEqual(
      selection.map((n) => acked(n.message.id)),
      [true, true, true],
    );
    assert.ok(!acked(nodes[3]?.message.id ?? 'none'));
  });

  it('acknowledges only the clicked message when it is not in the selection', async () => {
    const [first, second] = messageNodes(suite.api, 'acme-prices');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', second, [first]);
    assert.deepEqual([acked(first.message.id), acked(second.message.id)], [false, true]);
  });

  it('hides messages at once, and restores them with an error if the server refuses', async () => {
    suite.server.addFault({
      operation: 'ackMessage',
      delayMs: 400,
      status: 500,
      body: { success: false, code: 'INTERNAL', message: 'ack store down' },
    });
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'shop-inventory');
    const pending = vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    await waitFor(() => shownMessage(suite.api, node.message.id) === undefined, 'hidden optimistically', 300);
    await pending;
    assert.ok(shownMessage(suite.api, node.message.id), 'restored after the failure');
    const error = notices.find((n) => n.severity === 'error')!;
    assert.match(error.message, /Acknowledged 0 of 1 messages.*ack store down/);
  });

  it('reports a message acknowledged elsewhere as already acknowledged, not as a failure', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'news-crawler');
    suite.server.messages.find((m) => m.id === node.message.id)!.acknowledgedAt = new Date().toISOString();
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(
      notices.some((n) => n.severity === 'info' && /already been acknowledged elsewhere/.test(n.message)),
      JSON.stringify(notices),
    );
    assert.ok(!notices.some((n) => n.severity === 'error'));
  });

  it('summarises partial failures, naming the failed message', async () => {
    const nodes = messageNodes(suite.api, 'acme-prices');
    suite.server.addFault({
      operation: 'ackMessage',
      times: 1,
      status: 503,
      body: { success: false, code: 'UNAVAILABLE', message: 'try later' },
    });
    const notices = recordNotices(suite.api);
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', nodes[0], nodes);
    const error = notices.find((n) => n.severity === 'error')!;
    assert.match(error.message, new RegExp(`Acknowledged ${nodes.length - 1} of ${nodes.length} messages`));
    assert.match(error.message, /try later/);
  });

  it('acknowledges all messages of a scraper after a modal confirmation with the count', async () => {
    const node = scraperNode(suite.api, 'news-crawler');
    const count = node.group.messages.length;
    const { prompts } = await withAnswers(suite.api, [{ confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll', node),
    );
    assert.match(prompts.asked[0].message!, new RegExp(`all ${count} pending messages of "news-crawler"`));
    assert.ok(node.group.messages.every((m) => acked(m.id)));
    assert.equal(scraperNode(suite.api, 'news-crawler').group.messages.length, 0);
  });

  it('acknowledges nothing when the confirmation is declined', async () => {
    const node = scraperNode(suite.api, 'news-crawler');
    await withAnswers(suite.api, [{ confirm: false }], () => vscode.commands.executeCommand('scrapehub.acknowledgeAll', node));
    assert.equal(suite.server.requests.filter((r) => r.path === '/ackMessage').length, 0);
  });

  it('falls back to pickers when run from the palette without a node', async () => {
    const target = messageNodes(suite.api, 'shop-inventory')[0].message;
    await withAnswers(suite.api, [{ pickMany: [{ id: target.id }] }], () => vscode.commands.executeCommand('scrapehub.acknowledgeMessage'));
    assert.ok(acked(target.id));
    const crawler = scraperNode(suite.api, 'acme-prices');
    await withAnswers(suite.api, [{ pick: 'acme-prices' }, { confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll'),
    );
    assert.ok(crawler.group.messages.every((m) => acked(m.id)));
  });
});
