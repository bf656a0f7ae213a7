import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectedSuite, messageNodes, recordNotices, waitFor, shownMessage } from './harness';

describe('Acknowledge: unclear answers, duplicates, Retry-After and Cancel', () => {
  const suite = connectedSuite();
  const config = () => vscode.workspace.getConfiguration('scrapehub');
  afterEach(() => config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global));

  const acked = (id: string) => suite.server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined;
  const ackPosts = () => suite.server.requests.filter((r) => r.path === '/ackMessage');
  const shown = (id: string) => shownMessage(suite.api, id) !== undefined;

  it('shows a message again when the ack was answered 404 but the server still lists it, and says it was not acknowledged', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'acme-prices');
    suite.server.addFault({ operation: 'ackMessage', times: 1, status: 404 });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(shown(node.message.id), 'shown again after the refresh still listed it');
    assert.ok(!acked(node.message.id));
    assert.ok(!notices.some((n) => /^Acknowledged 1 message/.test(n.message)), JSON.stringify(notices));
    assert.match(notices.find((n) => n.severity === 'error')?.message ?? '', /Acknowledged 0 of 1 messages.*did not acknowledge it/);
  });

  it('reports a 500 that came after the server acted as acknowledged, once the refresh confirms it', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'news-crawler');
    suite.server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, status: 500 });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(acked(node.message.id));
    assert.ok(!shown(node.message.id));
    assert.deepEqual(
      notices.map((n) => [n.severity, n.message]),
      [['info', 'Acknowledged 1 message.']],
    );
  });

  it('confirms a 2xx without acknowledgedAt against the refresh: not acknowledged, so shown again', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'shop-inventory');
    suite.server.addFault({ operation: 'ackMessage', times: 1, status: 200, body: { success: true } });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(!acked(node.message.id));
    assert.ok(shown(node.message.id));
    assert.match(notices.find((n) => n.severity === 'error')?.message ?? '', /did not acknowledge it/);
  });

  it('confirms a 2xx without acknowledgedAt that did act as acknowledged', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'shop-inventory');
    suite.server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, status: 200, body: { success: true } });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(acked(node.message.id));
    assert.deepEqual(
      notices.map((n) => n.message),
      ['Acknowledged 1 message.'],
    );
  });

  it('after a timeout, checks with the server and reports an acknowledgement that did happen as acknowledged', async function () {
    this.timeout(20_000);
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'acme-prices');
    suite.server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, hang: true });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(acked(node.message.id));
    assert.ok(!shown(node.message.id));
    assert.deepEqual(
      notices.map((n) => n.message),
      ['Acknowledged 1 message.'],
    );
  });

  it('sends one POST when the same message is acknowledged twice at once (a double click on ✓)', async () => {
    const notices = recordNotices(suite.api);
    const [node] = messageNodes(suite.api, 'news-crawler');
    suite.server.addFault({ operation: 'ackMessage', times: 1, delayMs: 300 });
    await Promise.all([
      vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node),
      vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node),
    ]);
    assert.deepEqual(
      ackPosts().map((r) => (r.body as { messageId: string }).messageId),
      [node.message.id],
    );
    assert.ok(acked(node.message.id));
    assert.ok(
      notices.some((n) => n.message === 'Acknowledged 1 message.'),
      JSON.stringify(notices),
    );
  });

  it('pauses a bulk acknowledgement for Retry-After instead of failing the rest', async function () {
    this.timeout(20_000);
    const notices = recordNotices(suite.api);
    const nodes = [...messageNodes(suite.api, 'acme-prices'), ...messageNodes(suite.api, 'news-crawler')];
    const ids = nodes.map((n) => n.message.id);
    suite.server.addFault({ operation: 'ackMessage', times: 1, status: 429, headers: { 'Retry-After': '1' } });
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', nodes[0], nodes);
    assert.deepEqual(
      ids.map(acked),
      ids.map(() => true),
    );
    assert.ok(
      notices.some((n) => n.message === `Acknowledged ${ids.length} messages.`),
      JSON.stringify(notices),
    );
    const posts = ackPosts();
    const refused = posts[0];
    const retried = posts
      .slice(1)
      .filter((r) => (r.body as { messageId: string }).messageId === (refused.body as { messageId: string }).messageId);
    assert.equal(retried.length, 1, 'the refused one is asked again once');
    assert.ok(retried[0].at - refused.at >= 900, `waited ${retried[0].at - refused.at} ms`);
  });

  it('sends none of the rest when Retry-After asks for longer than a bulk acknowledgement waits', async () => {
    const notices = recordNotices(suite.api);
    const nodes = [
      ...messageNodes(suite.api, 'acme-prices'),
      ...messageNodes(suite.api, 'news-crawler'),
      ...messageNodes(suite.api, 'shop-inventory'),
    ];
    assert.ok(nodes.length > 4, 'more messages than requests run at once');
    suite.server.addFault({ operation: 'ackMessage', status: 429, headers: { 'Retry-After': '3600' } });
    const started = Date.now();
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', nodes[0], nodes);
    assert.ok(Date.now() - started < 10_000, 'did not wait an hour');
    assert.ok(ackPosts().length < nodes.length, `${ackPosts().length} requests for ${nodes.length} messages`);
    assert.ok(
      nodes.every((node) => shown(node.message.id)),
      'all shown again',
    );
    assert.match(notices.find((n) => n.severity === 'error')?.message ?? '', new RegExp(`Acknowledged 0 of ${nodes.length} messages`));
  });

  it('stops a bulk acknowledgement on Cancel: the rest are not sent and stay visible', async () => {
    const ids = [
      ...messageNodes(suite.api, 'acme-prices'),
      ...messageNodes(suite.api, 'news-crawler'),
      ...messageNodes(suite.api, 'shop-inventory'),
    ].map((n) => n.message);
    assert.ok(ids.length >= 5);
    suite.server.addFault({ operation: 'ackMessage', delayMs: 300 });
    const cancel = new vscode.CancellationTokenSource();
    const server = suite.api.connection.active!;
    const running = suite.api.acknowledger.acknowledge(server, ids.slice(0, 1).concat(ids), { token: cancel.token });
    await waitFor(() => ackPosts().length > 0, 'the first request went out');
    cancel.cancel();
    const summary = await running;
    suite.server.clearFaults();
    const sent = ackPosts().map((r) => (r.body as { messageId: string }).messageId);
    assert.ok(sent.length < ids.length, `sent ${sent.length} of ${ids.length}`);
    assert.equal(summary.cancelled.length, ids.length - sent.length);
    assert.ok(summary.cancelled.every((m) => !sent.includes(m.id) && shown(m.id) && !acked(m.id)));
  });
});
