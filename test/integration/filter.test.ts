import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectedSuite, scraperNodes, withAnswers } from './harness';

describe('Filter', () => {
  const suite = connectedSuite();
  afterEach(() => vscode.commands.executeCommand('scrapehub.clearFilter'));

  const shownMessages = () => scraperNodes(suite.api).flatMap((node) => suite.api.view.provider.getChildren(node));

  it('shows only matching messages, says so, and keeps the badge at the full count', async () => {
    const badge = suite.api.view.treeView.badge!.value;
    await withAnswers(suite.api, [{ input: 'type:kill' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const shown = shownMessages();
    assert.ok(shown.length > 0);
    assert.ok(shown.every((node) => node.kind === 'message' && node.message.messageType === 'KILL_REQUEST'));
    assert.ok(
      scraperNodes(suite.api).every((node) => node.group.messages.length > 0),
      'scrapers without a match are hidden',
    );
    assert.match(suite.api.view.treeView.message ?? '', new RegExp(`Filter "type:kill": ${shown.length} of ${badge} messages`));
    assert.equal(suite.api.view.treeView.badge?.value, badge);
  });

  it('reopens with the current filter, and an empty answer clears it', async () => {
    await withAnswers(suite.api, [{ input: 'scraper:acme' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const { prompts } = await withAnswers(suite.api, [{ input: '' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.equal(prompts.asked[0].value, 'scraper:acme');
    assert.equal(suite.api.view.treeView.message, undefined);
    assert.deepEqual(
      scraperNodes(suite.api).map((n) => n.name),
      ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
    );
  });

  it('leaves the tree empty (for the "nothing matches" welcome) when nothing matches', async () => {
    await withAnswers(suite.api, [{ input: 'no-such-thing-anywhere' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.deepEqual(scraperNodes(suite.api), []);
    assert.equal(suite.api.view.treeView.message, undefined, 'the welcome content is not hidden');
  });

  it('applies to new data as it arrives', async () => {
    await withAnswers(suite.api, [{ input: 'urgent-needle' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    assert.equal(shownMessages().length, 0);
    suite.server.addMessage({ scraperName: 'news-crawler', messageType: 'START', message: 'urgent-needle in the haystack' });
    await suite.api.store.refresh();
    assert.deepEqual(
      scraperNodes(suite.api).map((n) => n.name),
      ['news-crawler'],
    );
    assert.equal(shownMessages().length, 1);
  });

  it('"Acknowledge All Messages of Scraper" with a filter on acknowledges what the filter shows and says how many stay pending', async () => {
    await withAnswers(suite.api, [{ input: 'type:kill' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const node = scraperNodes(suite.api).find((n) => n.name === 'acme-prices')!;
    const all = suite.api.store.groups().find((g) => g.name === 'acme-prices')!.messages;
    const kills = all.filter((m) => m.messageType === 'KILL_REQUEST');
    assert.ok(kills.length > 0 && kills.length < all.length);
    const { prompts } = await withAnswers(suite.api, [{ confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll', node),
    );
    const posted = suite.server.requests.filter((r) => r.path === '/ackMessage').map((r) => (r.body as { messageId: string }).messageId);
    assert.deepEqual(posted.sort(), kills.map((m) => m.id).sort());
    assert.match(
      prompts.asked[0].detail!,
      new RegExp(`${all.length - kills.length} more of "acme-prices", hidden by the filter, stay pending`),
    );
  });

  it('"Acknowledge All Messages of Type" with a filter on acknowledges what the filter shows only', async () => {
    await withAnswers(suite.api, [{ input: 'scraper:shop' }], () => vscode.commands.executeCommand('scrapehub.filter'));
    const kills = suite.api.store
      .groups()
      .flatMap((g) => g.messages)
      .filter((m) => m.messageType === 'KILL_REQUEST');
    const shownKills = kills.filter((m) => m.scraperName === 'shop-inventory');
    assert.ok(shownKills.length > 0 && shownKills.length < kills.length);
    const { prompts } = await withAnswers(suite.api, [{ pick: 'KILL_REQUEST' }, { confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAllOfType'),
    );
    const posted = suite.server.requests.filter((r) => r.path === '/ackMessage').map((r) => (r.body as { messageId: string }).messageId);
    assert.deepEqual(posted.sort(), shownKills.map((m) => m.id).sort());
    assert.match(
      prompts.asked[1].detail!,
      new RegExp(`${kills.length - shownKills.length} more KILL_REQUEST messages, hidden by the filter, stay pending`),
    );
  });

  // VS Code counts every assignment of TreeView.message as a change of the view and holds
  // back the next tree change for 200 ms, so an assignment that changes nothing delays rows.
  it('leaves the view message alone when an update changes nothing in it', async () => {
    const treeView = suite.api.view.treeView;
    const own = Object.getOwnPropertyDescriptor(treeView, 'message');
    assert.ok(own?.get && own.set && own.configurable, 'TreeView.message is an accessor the test can watch');
    const sets: Array<string | undefined> = [];
    Object.defineProperty(treeView, 'message', {
      configurable: true,
      get: () => own.get!.call(treeView) as string | undefined,
      set: (value: string | undefined) => {
        sets.push(value);
        own.set!.call(treeView, value);
      },
    });
    try {
      await vscode.commands.executeCommand('scrapehub.clearFilter');
      await vscode.commands.executeCommand('scrapehub.clearFilter');
      assert.deepEqual(sets, [], 'nothing changed, so nothing was assigned');
      await withAnswers(suite.api, [{ input: 'type:kill' }], () => vscode.commands.executeCommand('scrapehub.filter'));
      assert.equal(sets.length, 1, 'a filter does change the message, once');
    } finally {
      Object.defineProperty(treeView, 'message', own);
    }
  });
});
