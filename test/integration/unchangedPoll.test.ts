import * as assert from 'node:assert/strict';
import type { FetchedMessages } from '../../src/state/messageStore';
import { connectedSuite, scraperNodes, shownMessage, treeItem } from './harness';

/** What one refresh fired: store changes, tree changes, fetched events. */
async function observedRefresh(
  suite: ReturnType<typeof connectedSuite>,
): Promise<{ changes: number; treeEvents: number; fetched: FetchedMessages[] }> {
  const { store, view } = suite.api;
  const seen = { changes: 0, treeEvents: 0, fetched: [] as FetchedMessages[] };
  const listeners = [
    store.onDidChange(() => seen.changes++),
    view.provider.onDidChangeTreeData(() => seen.treeEvents++),
    store.onDidFetch((fetched) => seen.fetched.push(fetched)),
  ];
  try {
    await store.refresh();
  } finally {
    for (const listener of listeners) {
      listener.dispose();
    }
  }
  return seen;
}

describe('A poll whose answer did not change', () => {
  const suite = connectedSuite();

  it('changes nothing on screen, yet reports the fetch (for the acknowledgement check)', async () => {
    const { store } = suite.api;
    const groups = store.groups();
    const before = store.lastUpdated!;
    const seen = await observedRefresh(suite);
    assert.deepEqual([seen.changes, seen.treeEvents], [0, 0]);
    assert.equal(seen.fetched.length, 1);
    assert.equal(seen.fetched[0].messages, store.lastAnswer?.messages);
    assert.equal(store.groups(), groups, 'not regrouped');
    assert.ok(store.lastUpdated! >= before);
    assert.equal(store.state, 'ok');
  });

  it('still shows a changed answer', async () => {
    await observedRefresh(suite);
    suite.server.addMessage({ scraperName: 'news-crawler', messageType: 'KILL_REQUEST', message: 'stop: changed answer' });
    const seen = await observedRefresh(suite);
    assert.ok(seen.changes > 0 && seen.treeEvents > 0);
    const added = suite.server.messages.find((message) => message.message === 'stop: changed answer')!;
    assert.equal(shownMessage(suite.api, added.id)?.message, 'stop: changed answer');
    const news = scraperNodes(suite.api).find((node) => node.name === 'news-crawler')!;
    assert.equal(treeItem(suite.api, news).description, String(news.group.messages.length));
  });

  it('ends the "showing older data" state when it follows a failed refresh', async () => {
    suite.server.addFault({ operation: 'getMessages', status: 500, times: 1 });
    await suite.api.store.refresh();
    assert.equal(suite.api.store.isStale, true);
    const seen = await observedRefresh(suite);
    assert.ok(seen.changes > 0);
    assert.equal(suite.api.store.isStale, false);
    assert.equal(suite.api.store.state, 'ok');
  });
});
