import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MessageNode, TreeNode, TypeNode } from '../../src/views/treeNodes';
import { connectedSuite, groupedBy, messageNodes, scraperNodes, treeItem, waitFor, withAnswers } from './harness';

describe('Sort and group', () => {
  const suite = connectedSuite();

  async function setSetting(key: 'groupBy' | 'sortBy', value: string | undefined): Promise<void> {
    await vscode.workspace.getConfiguration('scrapehub').update(key, value, vscode.ConfigurationTarget.Global);
    const wanted = value ?? (key === 'groupBy' ? 'scraper' : 'created');
    // The extension host updates its copy of the settings and fires the change event in one go,
    // so once the new value reads back here, the tree has been told.
    const applied = () =>
      (vscode.workspace.getConfiguration('scrapehub').get(key) ?? (key === 'groupBy' ? 'scraper' : 'created')) === wanted &&
      (key !== 'groupBy' || groupedBy(suite.api) === wanted);
    await waitFor(applied, `${key} = ${wanted} applied`);
  }

  /** The oldest message of news-crawler that expires first, so newest-first and soonest-first orders differ. */
  async function addSoonExpiring(): Promise<void> {
    suite.server.addMessage({
      scraperName: 'news-crawler',
      messageType: 'START',
      message: 'soon',
      createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    await suite.api.store.refresh();
  }
  const texts = (nodes: MessageNode[]) => nodes.map((n) => n.message.message ?? '(none)');

  afterEach(async () => {
    await setSetting('groupBy', undefined);
    await setSetting('sortBy', undefined);
    await vscode.commands.executeCommand('scrapehub.clearFilter');
  });

  const typeNodes = () => suite.api.view.provider.getChildren().filter((node): node is TypeNode => node.kind === 'type');
  const typeNode = (type: string) => {
    const node = typeNodes().find((candidate) => candidate.name === type);
    assert.ok(
      node,
      `type group ${type} (have: ${typeNodes()
        .map((n) => n.name)
        .join(', ')})`,
    );
    return node;
  };
  const rows = (node: TreeNode) => suite.api.view.provider.getChildren(node) as MessageNode[];

  it('groups by scraper and sorts newest first by default', async () => {
    await addSoonExpiring();
    assert.equal(groupedBy(suite.api), 'scraper');
    assert.deepEqual(
      texts(messageNodes(suite.api, 'news-crawler')),
      ['re-crawl front page', '(none)', 'soon'],
      'sorted by created, not expiry',
    );
    const created = messageNodes(suite.api, 'news-crawler').map((n) => Date.parse(n.message.createdAt));
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
    );
  });

  it('groups by message type from the data already held (no request), KILL_REQUEST first, each row naming its scraper', async () => {
    const badge = suite.api.view.treeView.badge!.value;
    const requests = suite.server.requests.length;
    await setSetting('groupBy', 'messageType');
    assert.equal(suite.server.requests.length, requests, 'no request to the server');
    assert.deepEqual(
      suite.api.view.provider.getChildren().map((node) => node.kind),
      ['type', 'type'],
    );
    assert.deepEqual(
      typeNodes().map((n) => n.name),
      ['KILL_REQUEST', 'START'],
    );
    const kill = typeNode('KILL_REQUEST');
    const item = treeItem(suite.api, kill);
    assert.equal(item.id, 'type:KILL_REQUEST');
    assert.equal(item.contextValue, 'scrapehub.type.pending');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'stop-circle');
    assert.equal(item.description, String(rows(kill).length));
    assert.deepEqual(new Set(rows(kill).map((row) => row.message.scraperName)), new Set(['acme-prices', 'shop-inventory']));
    const row = treeItem(suite.api, rows(kill)[0]);
    assert.match(String(row.description), /^(acme-prices|shop-inventory) · /);
    assert.equal(suite.api.view.treeView.badge?.value, badge, 'the badge still counts every pending message');
    assert.equal(rows(kill).length + rows(typeNode('START')).length, badge);
  });

  it("keeps each message's tree id whichever way it is grouped, and the scraper ids when switching back", async () => {
    const before = new Map(
      scraperNodes(suite.api)
        .flatMap((scraper) => rows(scraper))
        .map((node) => [node.message.id, treeItem(suite.api, node).id]),
    );
    const scraperIds = scraperNodes(suite.api).map((node) => treeItem(suite.api, node).id);
    await setSetting('groupBy', 'messageType');
    const byType = typeNodes().flatMap((node) => rows(node));
    assert.equal(byType.length, before.size);
    byType.forEach((node) => assert.equal(treeItem(suite.api, node).id, before.get(node.message.id)));
    await setSetting('groupBy', 'scraper');
    assert.deepEqual(
      scraperNodes(suite.api).map((node) => treeItem(suite.api, node).id),
      scraperIds,
    );
  });

  it('sorts by expiry, soonest first, never-expiring last', async () => {
    await addSoonExpiring();
    assert.deepEqual(texts(messageNodes(suite.api, 'news-crawler')), ['re-crawl front page', '(none)', 'soon']);
    await suite.api.store.refresh();
    await setSetting('sortBy', 'expiry');
    assert.deepEqual(texts(messageNodes(suite.api, 'news-crawler')), ['soon', 're-crawl front page', '(none)']);
    await setSetting('groupBy', 'messageType');
    const start = texts(rows(typeNode('START')));
    assert.equal(start[0], 'soon');
    assert.deepEqual(start.slice(1, 2), ['re-crawl front page']);
  });

  it("changes grouping and sorting from the view's Group By… and Sort By… pickers, writing the settings", async () => {
    await addSoonExpiring();
    const { prompts } = await withAnswers(suite.api, [{ pick: 'messageType' }], () =>
      vscode.commands.executeCommand('scrapehub.groupMessagesBy'),
    );
    assert.equal(prompts.asked[0].active, 'scraper', 'the current choice is highlighted');
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('groupBy'), 'messageType');
    assert.ok(typeNodes().length > 0, 'applied at once');
    await withAnswers(suite.api, [{ pick: 'expiry' }], () => vscode.commands.executeCommand('scrapehub.sortMessagesBy'));
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('sortBy'), 'expiry');
    assert.equal(groupedBy(suite.api), 'messageType');
    assert.equal(texts(rows(typeNode('START')))[0], 'soon', 'sorted by expiry at once');
  });

  it('redraws only the type group that changed', async () => {
    await setSetting('groupBy', 'messageType');
    const start = typeNode('START');
    const events: Array<TreeNode | undefined> = [];
    const listener = suite.api.view.provider.onDidChangeTreeData((node) => events.push(node));
    try {
      suite.server.addMessage({ scraperName: 'weather-feed', messageType: 'START', message: 'one more' });
      await suite.api.store.refresh();
    } finally {
      listener.dispose();
    }
    assert.deepEqual(events, [start]);
    assert.ok(rows(start).some((row) => row.message.message === 'one more'));
  });

  it('shows at most 500 rows per type group, then "Show N more…"', async () => {
    for (let i = 0; i < 620; i++) {
      suite.server.addMessage({ scraperName: i % 2 ? 'weather-feed' : 'acme-prices', messageType: 'START', message: `bulk ${i}` });
    }
    await suite.api.store.refresh();
    await setSetting('groupBy', 'messageType');
    const start = typeNode('START');
    const children = suite.api.view.provider.getChildren(start);
    assert.equal(children.length, 501);
    assert.equal(children[500].kind, 'more');
    assert.equal(treeItem(suite.api, children[500]).label, `Show ${start.group.messages.length - 500} more…`);
    assert.equal(treeItem(suite.api, children[500]).id, 'more:type:START');
  });

  it('filters within type groups', async () => {
    await setSetting('groupBy', 'messageType');
    await withAnswers(suite.api, [{ input: 'scraper:acme' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const shown = typeNodes().flatMap((node) => rows(node));
    assert.ok(shown.length > 0);
    assert.ok(shown.every((row) => row.message.scraperName === 'acme-prices'));
  });

  it('acknowledges all messages of a type group after a confirmation naming the type, count and scrapers', async () => {
    await setSetting('groupBy', 'messageType');
    const kill = typeNode('KILL_REQUEST');
    const ids = rows(kill).map((row) => row.message.id);
    const { prompts } = await withAnswers(suite.api, [{ confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAllOfType', kill),
    );
    assert.equal(prompts.asked[0].message, `Acknowledge all ${ids.length} pending KILL_REQUEST messages, of 2 scrapers?`);
    assert.equal(prompts.asked[0].title, 'Acknowledge All KILL_REQUEST');
    const acked = suite.server.messages.filter((m) => m.acknowledgedAt && ids.includes(m.id));
    assert.equal(acked.length, ids.length);
    assert.ok(
      suite.server.messages.filter((m) => m.messageType === 'START' && m.scraperName !== 'internal-audit' && !m.acknowledgedAt).length > 0,
      'START messages untouched',
    );
    assert.deepEqual(
      typeNodes().map((n) => n.name),
      ['START'],
    );
  });
});
