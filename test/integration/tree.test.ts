import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/views/treeNodes';
import { connect, connectedSuite, labelText, messageNodes, scraperNodes, tooltipText, treeItem, waitFor } from './harness';

describe('Messages tree', () => {
  const suite = connectedSuite();

  it('lists scrapers with pending messages plus assigned ones, sorted, with counts', () => {
    const nodes = scraperNodes(suite.api);
    assert.deepEqual(
      nodes.map((n) => n.name),
      ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
    );
    const expected = new Map<string, number>();
    for (const message of suite.server.messages) {
      if (
        !message.acknowledgedAt &&
        (!message.expiresAt || Date.parse(message.expiresAt) > Date.now()) &&
        message.scraperName !== 'internal-audit'
      ) {
        expected.set(message.scraperName, (expected.get(message.scraperName) ?? 0) + 1);
      }
    }
    for (const node of nodes) {
      const item = treeItem(suite.api, node);
      assert.equal(item.description, String(expected.get(node.name) ?? 0), node.name);
      assert.equal(item.id, `scraper:${node.name}`);
      assert.equal(
        item.collapsibleState,
        (expected.get(node.name) ?? 0) > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
    }
  });

  it('shows the total pending count as the view badge', () => {
    const total = scraperNodes(suite.api).reduce((sum, node) => sum + node.group.messages.length, 0);
    assert.ok(total > 0);
    assert.equal(suite.api.view.treeView.badge?.value, total);
  });

  it("lists a scraper's messages newest first, with type icons, ages and expiry", () => {
    const nodes = messageNodes(suite.api, 'acme-prices');
    const created = nodes.map((n) => Date.parse(n.message.createdAt));
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
    );
    const kill = nodes.find((n) => n.message.messageType === 'KILL_REQUEST')!;
    const item = treeItem(suite.api, kill);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'stop-circle');
    assert.equal(((item.iconPath as vscode.ThemeIcon).color as unknown as { id: string }).id, 'list.warningForeground');
    assert.match(labelText(item.label), /^KILL_REQUEST: stop: site maintenance$/);
    assert.match(String(item.description), /ago · expires in \d+ (min|h)/);
    assert.equal(item.contextValue, 'scrapehub.message');
    assert.equal(item.id, `message:${kill.message.id}`);
    const start = nodes.find((n) => n.message.messageType === 'START')!;
    assert.equal((treeItem(suite.api, start).iconPath as vscode.ThemeIcon).id, 'play-circle');
  });

  it('fills the tooltip lazily with id, scraper id and timestamps, as untrusted escaped markdown', () => {
    const [node] = messageNodes(suite.api, 'acme-prices');
    const item = treeItem(suite.api, node);
    assert.equal(item.tooltip, undefined);
    const resolved = suite.api.view.provider.resolveTreeItem(item, node);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString, 'a MarkdownString');
    assert.ok(!resolved.tooltip.isTrusted && !resolved.tooltip.supportHtml, 'untrusted, no HTML');
    const tooltip = tooltipText(resolved.tooltip);
    assert.ok(tooltip.includes(`ID: ${node.message.id}`), tooltip);
    assert.ok(tooltip.includes(`Scraper ID: ${node.message.scraperId}`));
    assert.match(tooltip, /Created: .+\(.+\)/);
    assert.match(tooltip, /Expires: /);
  });

  it('shows times without an offset as written, marked "time zone not given", in row, spoken label and tooltip', async () => {
    suite.server.addMessage({
      scraperName: 'weather-feed',
      messageType: 'START',
      message: 'zoneless',
      createdAt: '2026-11-29T11:00:00',
      expiresAt: '2027-01-15T12:00:00',
    });
    await suite.api.store.refresh();
    const node = messageNodes(suite.api, 'weather-feed').find((n) => n.message.message === 'zoneless')!;
    const item = treeItem(suite.api, node);
    assert.equal(item.description, '2026-11-29T11:00:00 (time zone not given) · expires 2027-01-15T12:00:00 (time zone not given)');
    const spoken = item.accessibilityInformation?.label ?? '';
    assert.ok(!spoken.includes('never expires'), spoken);
    assert.equal(
      spoken,
      'START for weather-feed: zoneless, created 2026-11-29T11:00:00 (time zone not given), expires 2027-01-15T12:00:00 (time zone not given)',
    );
    const tooltip = tooltipText(suite.api.view.provider.resolveTreeItem(item, node).tooltip);
    assert.ok(tooltip.includes('Expires: 2027-01-15T12:00:00 (time zone not given)'), tooltip);
  });

  it('renders unknown message types and shows markup in server text as sent', async () => {
    suite.server.addMessage({
      scraperName: 'acme-prices',
      messageType: 'PAUSE',
      message: 'see [docs](command:workbench.action.quit) <b>now</b>',
    });
    await suite.api.store.refresh();
    const node = messageNodes(suite.api, 'acme-prices').find((n) => n.message.messageType === 'PAUSE')!;
    const item = treeItem(suite.api, node);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'mail');
    assert.equal(item.label, 'PAUSE: see [docs](command:workbench.action.quit) <b>now</b>', 'a plain label: no link runs, no tag renders');
  });

  it('keeps node ids stable across refreshes', async () => {
    const before = messageNodes(suite.api, 'news-crawler').map((n) => treeItem(suite.api, n).id);
    await suite.api.store.refresh({ manual: true });
    assert.deepEqual(
      messageNodes(suite.api, 'news-crawler').map((n) => treeItem(suite.api, n).id),
      before,
    );
  });

  it('drops a message when it expires, without waiting for a refresh', async () => {
    suite.server.addMessage({
      scraperName: 'weather-feed',
      messageType: 'START',
      message: 'short-lived',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    await suite.api.store.refresh();
    assert.equal(messageNodes(suite.api, 'weather-feed').length, 1);
    const requests = suite.server.requests.length;
    await waitFor(
      () => scraperNodes(suite.api).find((n) => n.name === 'weather-feed')!.group.messages.length === 0,
      'expired message removed',
      5000,
    );
    assert.equal(suite.server.requests.length, requests, 'no request was needed');
  });

  it('reads all scrapers one by one when the server requires scraperName', async () => {
    suite.server.setStrict(true);
    await suite.api.store.refresh({ manual: true });
    assert.equal(suite.api.store.state, 'ok');
    assert.deepEqual(
      scraperNodes(suite.api)
        .filter((n) => n.group.messages.length > 0)
        .map((n) => n.name),
      ['acme-prices', 'news-crawler', 'shop-inventory'],
    );
    assert.ok(suite.server.requests.some((r) => r.path === '/getMessages' && r.query.scraperName === 'acme-prices'));
  });

  it('says "no pending messages" when the user has nothing at all', async () => {
    suite.server.addUser({ apiKey: 'idle-key', username: 'idle', email: 'idle@example.com', roles: ['operator'], scraperAssignments: [] });
    await connect(suite.api, suite.server, 'idle-key');
    assert.equal(suite.api.store.state, 'empty');
    assert.deepEqual(suite.api.view.provider.getChildren(), []);
    assert.equal(suite.api.view.treeView.badge, undefined);
  });

  it('says "no pending messages" under assigned scrapers that have none', async () => {
    await connect(suite.api, suite.server, 'outsider-key');
    assert.deepEqual(
      scraperNodes(suite.api).map((n) => n.name),
      ['weather-feed'],
    );
    assert.match(suite.api.view.treeView.message ?? '', /No pending messages/);
  });

  it('fires no tree event when a refresh changes nothing', async () => {
    const events: unknown[] = [];
    const listener = suite.api.view.provider.onDidChangeTreeData((node) => events.push(node));
    try {
      await suite.api.store.refresh({ manual: true });
      await suite.api.store.refresh();
      assert.deepEqual(events, []);
    } finally {
      listener.dispose();
    }
  });

  it('refreshes only the scraper whose messages changed', async () => {
    const events: Array<TreeNode | undefined> = [];
    const listener = suite.api.view.provider.onDidChangeTreeData((node) => events.push(node));
    try {
      const news = scraperNodes(suite.api).find((n) => n.name === 'news-crawler')!;
      suite.server.addMessage({ scraperName: 'news-crawler', messageType: 'START', message: 'one more' });
      await suite.api.store.refresh();
      assert.equal(events.length, 1);
      assert.equal(events[0], news, 'the same node object VS Code holds, not the whole tree');
      assert.equal(treeItem(suite.api, news).description, String(news.group.messages.length));
      suite.server.users.find((user) => user.apiKey === 'demo-key')!.scraperAssignments.push('brand-new-scraper');
      await suite.api.store.refresh({ manual: true });
      assert.ok(scraperNodes(suite.api).some((n) => n.name === 'brand-new-scraper'));
      assert.equal(events.at(-1), undefined, 'a new scraper refreshes the root');
    } finally {
      listener.dispose();
    }
  });

  it('shows at most 500 messages per scraper, then a "Show N more…" row that pages in the next 500', async () => {
    for (let i = 0; i < 1_203; i++) {
      suite.server.addMessage({ scraperName: 'weather-feed', messageType: i % 2 ? 'START' : 'KILL_REQUEST', message: `bulk ${i}` });
    }
    await suite.api.store.refresh();
    const scraper = scraperNodes(suite.api).find((n) => n.name === 'weather-feed')!;
    let children = suite.api.view.provider.getChildren(scraper);
    assert.equal(children.length, 501);
    const more = children[500];
    assert.equal(more.kind, 'more');
    const item = treeItem(suite.api, more);
    assert.equal(item.label, 'Show 500 more…');
    assert.equal(item.description, '703 not shown');
    await vscode.commands.executeCommand(item.command!.command, ...((item.command!.arguments ?? []) as unknown[]));
    children = suite.api.view.provider.getChildren(scraper);
    assert.equal(children.length, 1_001);
    assert.equal(treeItem(suite.api, children[1_000]).label, 'Show 203 more…');
  });
});
