/**
 * What makes the first rows come quickly, without changing what a refresh means: the
 * user settings and the messages are asked for at once, a refresh already on its way is
 * reused by the poller instead of queueing a second one, and the key is read from
 * SecretStorage once until it changes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { ApiKeyStore } from '../../src/auth/apiKeyStore';
import { MessageStore } from '../../src/state/messageStore';
import type { ServerConnection } from '../../src/state/serverConnection';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { extensionApi, startServer, waitFor } from './harness';

describe('The first refresh', () => {
  let server: RunningScrapeHubServer;
  let store: MessageStore;
  let connection: ServerConnection;
  let log: vscode.LogOutputChannel;

  before(() => (log = vscode.window.createOutputChannel('ScrapeHub first refresh test', { log: true })));
  after(() => log.dispose());
  beforeEach(async () => {
    server = await startServer({ seed: 'demo' });
    const address = { baseUrl: server.baseUrl, origin: server.origin };
    const client = new ScrapeHubClient({ address, getApiKey: async () => 'demo-key' });
    connection = {
      setting: { kind: 'ok', address },
      active: { address, client, allMessages: new AllMessagesFetcher(client), label: 'local' },
      hasKey: async () => true,
      onDidChange: new vscode.EventEmitter<void>().event,
    } as unknown as ServerConnection;
    store = new MessageStore(connection, log);
  });
  afterEach(async () => {
    store.dispose();
    await server.close();
  });

  const received = (path: string) => server.requests.filter((request) => request.path === path);

  it('asks for the messages without waiting for the user settings', async () => {
    server.addFault({ operation: 'userSettings', delayMs: 400, times: 1 });
    await store.refresh();
    assert.equal(store.state, 'ok');
    const [user] = received('/userSettings');
    const [messages] = received('/getMessages');
    assert.ok(
      messages.at < user.at + 400,
      `getMessages went out ${messages.at - user.at} ms after userSettings, while that was still unanswered`,
    );
  });

  it("reports the user settings' failure when both fail", async () => {
    server.addFault({ operation: 'userSettings', delayMs: 200, status: 401, times: 1 });
    server.addFault({ operation: 'getMessages', status: 500, times: 1 });
    await store.refresh();
    assert.equal(store.state, 'keyRejected', `the key problem, not the later server error: ${store.error?.kind}`);
  });

  it('queues no second refresh for a caller that takes the one in flight, unless that one was cancelled', async () => {
    server.addFault({ operation: 'getMessages', delayMs: 200, times: 1 });
    await Promise.all([store.refresh(), store.refresh({ orInFlight: true })]);
    assert.equal(received('/getMessages').length, 1, 'one answer served both');

    store.dispose();
    store = new MessageStore(connection, log);
    server.addFault({ operation: 'getMessages', delayMs: 200, times: 1 });
    const first = store.refresh();
    await waitFor(() => received('/getMessages').length === 2, 'the next refresh to be on its way');
    store.cancelInFlight();
    await Promise.all([first, store.refresh({ orInFlight: true })]);
    assert.equal(store.state, 'ok', 'the cancelled refresh is discarded, so another one ran');
    assert.ok(store.lastUpdated !== undefined);
  });
});

describe('ApiKeyStore reads', () => {
  it('reads a key again once it changed elsewhere (another window)', async () => {
    const api = await extensionApi();
    const secrets = api.extensionContext.secrets;
    const origin = 'http://127.0.0.1:9';
    const name = `scrapehub.apiKey:${origin}`;
    const keys = new ApiKeyStore(secrets);
    try {
      await secrets.store(name, 'first-key');
      await waitFor(async () => (await keys.get(origin)) === 'first-key', 'the stored key is read');
      const changed = new Promise<void>((resolve) => keys.onDidChange(() => resolve()));
      await secrets.store(name, 'second-key');
      await changed;
      assert.equal(await keys.get(origin), 'second-key');
      await keys.delete(origin);
      assert.equal(await keys.get(origin), undefined, 'a deleted key is gone at once');
    } finally {
      keys.dispose();
      await secrets.delete(name);
    }
  });
});
