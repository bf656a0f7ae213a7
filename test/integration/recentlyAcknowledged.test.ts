import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AcknowledgedNode, RecentGroupNode, TreeNode } from '../../src/views/treeNodes';
import {
  connect,
  connectedSuite,
  messageNodes,
  recordNotices,
  scraperNode,
  setServerUrl,
  tooltipText,
  treeItem,
  waitFor,
  withAnswers,
  shownMessage,
} from './harness';

describe('Recently acknowledged', () => {
  const suite = connectedSuite();
  afterEach(() => vscode.commands.executeCommand('scrapehub.clearFilter'));

  const root = () => suite.api.view.provider.getChildren();
  const recentGroup = () => root().find((node): node is RecentGroupNode => node.kind === 'recent');
  const acknowledgedRows = () => {
    const group = recentGroup();
    return group ? (suite.api.view.provider.getChildren(group) as AcknowledgedNode[]) : [];
  };
  const sent = () => suite.server.requests.filter((r) => r.path === '/sendMessage');

  async function acknowledge(...nodes: TreeNode[]): Promise<void> {
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', nodes[0], nodes);
  }

  it('is not shown before anything was acknowledged', () => {
    assert.equal(recentGroup(), undefined);
  });

  it('lists an acknowledged message, newest first, in a collapsed group after the scrapers, with its count', async () => {
    const [first, second] = messageNodes(suite.api, 'acme-prices');
    await acknowledge(first);
    await acknowledge(second);
    const nodes = root();
    assert.equal(nodes.at(-1)?.kind, 'recent', 'after the scrapers');
    const item = treeItem(suite.api, recentGroup()!);
    assert.equal(item.label, 'Recently Acknowledged');
    assert.equal(item.description, '2');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(item.contextValue, 'scrapehub.recentGroup');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'history');
    assert.deepEqual(
      acknowledgedRows().map((row) => row.message.id),
      [second.message.id, first.message.id],
    );
    const row = treeItem(suite.api, acknowledgedRows()[0]);
    assert.equal(row.id, `acknowledged:${second.message.id}`);
    assert.equal(row.contextValue, 'scrapehub.acknowledgedMessage');
    assert.match(String(row.description), /^acme-prices · acknowledged (just now|\d+ min ago)$/);
    const tooltip = tooltipText(suite.api.view.provider.resolveTreeItem(row, acknowledgedRows()[0]).tooltip);
    assert.match(tooltip, /Acknowledged: /);
  });

  it('is not counted in the badge or the status bar', async () => {
    const [node] = messageNodes(suite.api, 'news-crawler');
    const badge = suite.api.view.treeView.badge!.value;
    await acknowledge(node);
    assert.equal(acknowledgedRows().length, 1);
    assert.equal(suite.api.view.treeView.badge?.value, badge - 1);
    assert.match(suite.api.statusBar.text, new RegExp(`\\$\\(mail\\) ${badge - 1}\\b`));
  });

  it('never lists an acknowledgement the server refused, nor one someone else made first', async () => {
    const [refused] = messageNodes(suite.api, 'shop-inventory');
    const [elsewhere] = messageNodes(suite.api, 'news-crawler');
    suite.server.addFault({
      operation: 'ackMessage',
      times: 1,
      status: 500,
      body: { success: false, code: 'INTERNAL', message: 'ack store down' },
    });
    recordNotices(suite.api);
    await acknowledge(refused);
    assert.ok(shownMessage(suite.api, refused.message.id), 'still pending');
    suite.server.messages.find((m) => m.id === elsewhere.message.id)!.acknowledgedAt = new Date().toISOString();
    await acknowledge(elsewhere);
    assert.equal(recentGroup(), undefined);
  });

  it('lists an acknowledgement whose answer was lost once the next refresh confirms it', async () => {
    const [lost] = messageNodes(suite.api, 'shop-inventory');
    const [refused] = messageNodes(suite.api, 'news-crawler');
    suite.server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, status: 500 });
    recordNotices(suite.api);
    await acknowledge(lost);
    suite.server.addFault({ operation: 'ackMessage', times: 1, status: 404 });
    await acknowledge(refused);
    assert.deepEqual(
      acknowledgedRows().map((row) => row.message.id),
      [lost.message.id],
    );
  });

  it('survives refreshes, and redraws only itself (not the whole tree) when it grows', async () => {
    const [first, second] = messageNodes(suite.api, 'acme-prices');
    await acknowledge(first);
    const group = recentGroup()!;
    await suite.api.store.refresh({ manual: true });
    assert.equal(recentGroup(), group, 'the same node object');
    assert.deepEqual(
      acknowledgedRows().map((row) => row.message.id),
      [first.message.id],
    );
    const events: Array<TreeNode | undefined> = [];
    const listener = suite.api.view.provider.onDidChangeTreeData((node) => events.push(node));
    try {
      await acknowledge(second);
      await suite.api.store.refresh();
    } finally {
      listener.dispose();
    }
    assert.ok(events.includes(group), 'the group was redrawn');
    assert.ok(!events.includes(undefined), `no whole-tree redraw: ${events.map((e) => e?.kind).join(',')}`);
  });

  it('is cleared when the key changes, and when the server changes', async () => {
    await acknowledge(messageNodes(suite.api, 'acme-prices')[0]);
    assert.ok(recentGroup());
    await connect(suite.api, suite.server, 'admin-key');
    assert.equal(recentGroup(), undefined, 'another account');
    await acknowledge(messageNodes(suite.api, 'acme-prices')[0]);
    assert.ok(recentGroup());
    const { baseUrl } = suite.server;
    await setServerUrl(
      baseUrl.includes('127.0.0.1') ? baseUrl.replace('127.0.0.1', 'localhost') : baseUrl.replace('localhost', '127.0.0.1'),
    );
    await waitFor(() => recentGroup() === undefined, 'cleared on server change');
  });

  it('follows the filter', async () => {
    const kill = messageNodes(suite.api, 'acme-prices').find((n) => n.message.messageType === 'KILL_REQUEST')!;
    await acknowledge(kill);
    await withAnswers(suite.api, [{ input: 'type:start' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.equal(recentGroup(), undefined);
    await withAnswers(suite.api, [{ input: 'type:kill' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.deepEqual(
      acknowledgedRows().map((row) => row.message.id),
      [kill.message.id],
    );
  });

  it('explains the filter when the group is the only row left', async () => {
    await withAnswers(suite.api, [{ input: 'maintenance' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const [match] = messageNodes(suite.api, 'acme-prices');
    assert.equal(match.message.message, 'stop: site maintenance');
    await acknowledge(match);
    await waitFor(() => root().length === 1 && root()[0].kind === 'recent', 'only the group is left');
    assert.match(suite.api.view.treeView.message ?? '', /Filter "maintenance": 0 of \d+ messages/);
  });

  it('keeps the last 50 only', async () => {
    for (let i = 0; i < 55; i++) {
      suite.server.addMessage({ scraperName: 'weather-feed', messageType: 'START', message: `bulk ${i}` });
    }
    await suite.api.store.refresh();
    await withAnswers(suite.api, [{ confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll', scraperNode(suite.api, 'weather-feed')),
    );
    assert.equal(suite.server.messages.filter((m) => m.scraperName === 'weather-feed' && m.acknowledgedAt).length, 55);
    assert.equal(acknowledgedRows().length, 50);
    assert.equal(treeItem(suite.api, recentGroup()!).description, '50');
  });

  it('copies the message ID and the message as JSON from an acknowledged row', async () => {
    const [node] = messageNodes(suite.api, 'acme-prices');
    await acknowledge(node);
    const [row] = acknowledgedRows();
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('scrapehub.copyMessageId', row);
    assert.equal(await vscode.env.clipboard.readText(), node.message.id);
    await vscode.commands.executeCommand('scrapehub.copyMessageJson', row);
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), node.message);
  });

  it('sends a mistakenly acknowledged KILL_REQUEST again: pre-filled flow, same expiry moment, the modal confirmation', async () => {
    const expiresAt = new Date(Date.now() + 40 * 60_000).toISOString();
    suite.server.addMessage({
      scraperName: 'shop-inventory',
      messageType: 'KILL_REQUEST',
      message: 'stop: proxy ban',
      expiresAt,
      createdAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    await suite.api.store.refresh();
    const original = messageNodes(suite.api, 'shop-inventory').find((n) => n.message.message === 'stop: proxy ban')!;
    await acknowledge(original);
    const notices = recordNotices(suite.api);
    const [row] = acknowledgedRows();
    const sameMoment = { kind: 'custom', iso: expiresAt };
    const { prompts } = await withAnswers(suite.api, [{ input: 'stop: proxy ban' }, { pick: sameMoment }, { confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.sendAgain', row),
    );
    const [text, expiry, confirm] = prompts.asked;
    assert.equal(text.step, 3, 'opens at the text step');
    assert.equal(text.value, 'stop: proxy ban', 'pre-filled');
    assert.match(text.title, /^Send Again: KILL_REQUEST to shop-inventory · /);
    assert.match(expiry.items![0], /^Same as before: /);
    assert.match(expiry.items![1], /^Same duration as before: 1 h$/);
    assert.deepEqual(expiry.active, sameMoment, 'the original moment is proposed');
    assert.equal(confirm.kind, 'confirm');
    assert.match(confirm.message!, /KILL_REQUEST to "shop-inventory"/);
    assert.deepEqual(
      sent().map((r) => r.body),
      [{ scraperName: 'shop-inventory', messageType: 'KILL_REQUEST', message: 'stop: proxy ban', expiresAt }],
    );
    const resent = suite.server.messages.find((m) => m.message === 'stop: proxy ban' && !m.acknowledgedAt)!;
    assert.notEqual(resent.id, original.message.id, 'a new message: the server cannot un-acknowledge');
    assert.ok(shownMessage(suite.api, resent.id), 'pending again in the tree');
    assert.ok(notices.some((n) => n.severity === 'info' && /Sent KILL_REQUEST/.test(n.message)));
  });

  it('sends nothing when the KILL_REQUEST confirmation is declined', async () => {
    const kill = messageNodes(suite.api, 'acme-prices').find((n) => n.message.messageType === 'KILL_REQUEST')!;
    await acknowledge(kill);
    const { prompts } = await withAnswers(
      suite.api,
      [{ input: kill.message.message ?? '' }, { pick: { kind: 'none' } }, { confirm: false }],
      () => vscode.commands.executeCommand('scrapehub.sendAgain', acknowledgedRows()[0]),
    );
    assert.equal(prompts.asked.at(-1)?.kind, 'confirm');
    assert.equal(sent().length, 0);
  });

  it('never re-sends an expiry that has passed: the old moment is not offered and the same duration counts from sending', async () => {
    suite.server.addMessage({
      scraperName: 'weather-feed',
      messageType: 'START',
      message: 'short-lived',
      createdAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 1200).toISOString(),
    });
    await suite.api.store.refresh();
    const node = messageNodes(suite.api, 'weather-feed').find((n) => n.message.message === 'short-lived')!;
    await acknowledge(node);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const sameDuration = { kind: 'relative', minutes: 30 };
    const { prompts } = await withAnswers(suite.api, [{ input: 'short-lived' }, { pick: sameDuration }], () =>
      vscode.commands.executeCommand('scrapehub.sendAgain', acknowledgedRows()[0]),
    );
    const expiry = prompts.asked[1];
    assert.ok(!expiry.items!.some((label) => label.startsWith('Same as before')), expiry.items!.join(' | '));
    assert.deepEqual(expiry.active, sameDuration);
    const body = sent()[0].body as Record<string, string>;
    const left = Date.parse(body.expiresAt) - Date.now();
    assert.ok(left > 29 * 60_000 && left <= 30 * 60_000, `expires in ${left} ms`);
  });

  it('asks which message to send again when run from the palette', async () => {
    const [node] = messageNodes(suite.api, 'news-crawler');
    await acknowledge(node);
    const { prompts } = await withAnswers(suite.api, [{ pick: { id: node.message.id } }, 'dismiss'], () =>
      vscode.commands.executeCommand('scrapehub.sendAgain'),
    );
    assert.equal(prompts.asked[0].title, 'Send Again');
    assert.equal(sent().length, 0);
  });
});
