/**
 * The follow-up of an unclear acknowledgement when no refresh succeeds: it must not keep
 * the message hidden forever. Built here on a ManualClock against the local server, so
 * the time bound is checked by moving time by hand.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { ACK_CHECK_LIMIT_MS } from '../../src/state/ackOutcome';
import type { AckSummary } from '../../src/model/ackSummary';
import { Acknowledger } from '../../src/state/acknowledger';
import { MessageStore } from '../../src/state/messageStore';
import { RecentlyAcknowledged } from '../../src/state/recentlyAcknowledged';
import type { ActiveServer, ServerConnection } from '../../src/state/serverConnection';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { ManualClock, settle } from '../support/manualClock';
import { startServer } from './harness';

describe('Unclear acknowledgements when no refresh succeeds', () => {
  let clock: ManualClock;
  let server: RunningScrapeHubServer;
  let store: MessageStore;
  let acknowledger: Acknowledger;
  let active: ActiveServer | undefined;
  let changed: vscode.EventEmitter<void>;
  let log: vscode.LogOutputChannel;

  before(() => (log = vscode.window.createOutputChannel('ScrapeHub ack follow-up test', { log: true })));
  after(() => log.dispose());
  beforeEach(async () => {
    clock = new ManualClock();
    server = await startServer({ now: () => clock.now() });
    const address = { baseUrl: server.baseUrl, origin: server.origin };
    const client = new ScrapeHubClient({ address, getApiKey: async () => 'demo-key' });
    active = { address, client, allMessages: new AllMessagesFetcher(client), label: 'local' };
    changed = new vscode.EventEmitter<void>();
    const connection = {
      setting: { kind: 'ok', address },
      get active() {
        return active;
      },
      isCurrent: (candidate: ActiveServer) => candidate === active,
      hasKey: async () => true,
      onDidChange: changed.event,
    } as unknown as ServerConnection;
    store = new MessageStore(connection, log, () => [], clock);
    acknowledger = new Acknowledger(connection, store, new RecentlyAcknowledged(connection), clock);
    await store.refresh();
  });
  afterEach(async () => {
    store.dispose();
    changed.dispose();
    await server.close();
  });

  const shown = (id: string) =>
    store
      .groups()
      .flatMap((group) => group.messages)
      .find((message) => message.id === id);

  /** Acknowledges one message with a 404 answer while every refresh fails. */
  async function unclearAck(): Promise<{ id: string; timers: number; later: () => AckSummary | undefined }> {
    const id = store.groups()[0].messages[0].id;
    const timers = clock.pending; // the store's expiry timer
    server.addFault({ operation: 'ackMessage', times: 1, status: 404 });
    server.addFault({ operation: 'getMessages', status: 500 });
    const summary = await acknowledger.acknowledge(active!, [shown(id)!]);
    assert.deepEqual(
      summary.unconfirmed.map((message) => message.id),
      [id],
    );
    assert.equal(shown(id), undefined, 'hidden while unclear');
    let later: AckSummary | undefined;
    void summary.later!.then((settled) => (later = settled));
    return { id, timers, later: () => later };
  }

  it('after a bounded time, shows the message again and reports the outcome as still unknown', async () => {
    const { id, later } = await unclearAck();
    await clock.advance(ACK_CHECK_LIMIT_MS - 1_000);
    assert.equal(later(), undefined, 'still waiting for a refresh before the bound');
    await clock.advance(1_000);
    assert.deepEqual(
      later()?.stillUnknown.map((message) => message.id),
      [id],
    );
    assert.deepEqual([...later()!.acknowledged, ...later()!.alreadyAcknowledged, ...later()!.failed], []);
    assert.ok(shown(id), 'shown again (the server may still list it)');
  });

  it('on a server change, stops waiting and reports the outcome as still unknown', async () => {
    const { id, later } = await unclearAck();
    active = undefined;
    changed.fire();
    await settle();
    assert.deepEqual(
      later()?.stillUnknown.map((message) => message.id),
      [id],
    );
    store.groups(); // regrouping the dropped data clears the store's own expiry timer
    assert.equal(clock.pending, 0, 'no timer left behind');
  });

  it('settles with the first successful refresh before the bound, and leaves no timer', async () => {
    const { id, timers, later } = await unclearAck();
    server.clearFaults();
    await store.refresh();
    await settle();
    assert.equal(later()?.failed[0]?.message.id, id, 'still listed: not acknowledged');
    assert.ok(shown(id));
    assert.equal(clock.pending, timers, 'no timer left behind');
  });
});
