/**
 * A MessageStore built here, with its own ManualClock, against the local server: expiry
 * and Retry-After are checked by moving time by hand, not by waiting.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { MessageStore } from '../../src/state/messageStore';
import { MAX_RETRY_AFTER_MS } from '../../src/state/pollSchedule';
import type { ServerConnection } from '../../src/state/serverConnection';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { ManualClock } from '../support/manualClock';
import { startServer } from './harness';

describe('MessageStore on an injected clock', () => {
  let clock: ManualClock;
  let server: RunningScrapeHubServer;
  let store: MessageStore;
  let log: vscode.LogOutputChannel;

  before(() => (log = vscode.window.createOutputChannel('ScrapeHub store clock test', { log: true })));
  after(() => log.dispose());
  beforeEach(async () => {
    clock = new ManualClock();
    server = await startServer({ seed: 'empty', now: () => clock.now() });
    const address = { baseUrl: server.baseUrl, origin: server.origin };
    const client = new ScrapeHubClient({ address, getApiKey: async () => 'demo-key' });
    const connection = {
      setting: { kind: 'ok', address },
      active: { address, client, allMessages: new AllMessagesFetcher(client), label: 'local' },
      hasKey: async () => true,
      onDidChange: new vscode.EventEmitter<void>().event,
    } as unknown as ServerConnection;
    store = new MessageStore(connection, log, () => [], clock);
  });
  afterEach(async () => {
    store.dispose();
    await server.close();
  });

  it('drops a message from the view when it expires, without another request', async () => {
    const iso = (offset: number) => new Date(clock.now() + offset).toISOString();
    server.addMessage({ scraperName: 'acme-prices', messageType: 'START', createdAt: iso(-60_000), expiresAt: iso(10 * 60_000) });
    server.addMessage({ scraperName: 'acme-prices', messageType: 'START', createdAt: iso(-30_000) });
    await store.refresh();
    assert.equal(store.groups()[0].messages.length, 2);
    const requests = server.requests.length;
    await clock.advance(10 * 60_000 - 1_000);
    assert.equal(store.groups()[0].messages.length, 2, 'not before its expiry');
    await clock.advance(2_000);
    assert.equal(store.groups()[0].messages.length, 1, 'gone once expired');
    assert.equal(server.requests.length, requests, 'by the timer, not a refresh');
  });

  it('drops an expired message on time when the answers since did not change, which redraw nothing', async () => {
    const iso = (offset: number) => new Date(clock.now() + offset).toISOString();
    server.addMessage({ scraperName: 'acme-prices', messageType: 'START', createdAt: iso(-60_000), expiresAt: iso(10 * 60_000) });
    server.addMessage({ scraperName: 'acme-prices', messageType: 'START', createdAt: iso(-30_000) });
    await store.refresh();
    let changes = 0;
    const listener = store.onDidChange(() => changes++);
    try {
      await clock.advance(60_000);
      await store.refresh();
      assert.equal(changes, 0, 'the same answer again');
      await clock.advance(9 * 60_000 + 1_000);
      assert.equal(store.groups()[0].messages.length, 1, 'gone once expired');
      assert.equal(changes, 1);
    } finally {
      listener.dispose();
    }
  });

  it('caps a huge Retry-After at an hour, then asks again', async () => {
    server.addFault({ operation: 'getMessages', status: 429, headers: { 'Retry-After': String(10 ** 9) }, times: 1 });
    await store.refresh();
    assert.equal(store.error?.kind, 'rateLimited');
    assert.equal(store.retryNotBefore - clock.now(), MAX_RETRY_AFTER_MS);
    const polls = () => server.requests.filter((r) => r.path === '/getMessages').length;
    const requests = server.requests.length;
    await store.refresh();
    assert.equal(server.requests.length, requests, 'no request before Retry-After');
    const before = polls();
    await clock.advance(MAX_RETRY_AFTER_MS);
    await store.refresh();
    assert.equal(polls(), before + 1, 'asked again once the hour passed');
    assert.equal(store.error, undefined);
  });
});
