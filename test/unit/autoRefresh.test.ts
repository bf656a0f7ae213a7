import * as assert from 'node:assert/strict';
import { AutoRefresh, type PollSettings, type PolledStore, type PolledView, type WindowFocus } from '../../src/state/autoRefresh';
import type { ViewState } from '../../src/model/viewState';
import { MAX_INTERVAL_MS, MAX_RETRY_AFTER_MS } from '../../src/state/pollSchedule';
import { ScrapeHubError } from '../../src/api/errors';
import { ManualClock, settle } from '../support/manualClock';

type Listener = (value?: unknown) => void;

class Emitter {
  private listeners: Listener[] = [];
  readonly event = (listener: Listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(): void {
    this.listeners.forEach((listener) => listener());
  }
}

type Outcome = 'ok' | 'fail' | 'rejected' | { retryAfterMs: number };

/** A store whose refreshes answer as scripted, recording when they were asked for. */
class ScriptedStore {
  state: ViewState = 'loading';
  error: ScrapeHubError | undefined;
  isRefreshing = false;
  lastUpdated: number | undefined;
  retryNotBefore = 0;
  readonly refreshedAt: number[] = [];
  outcome: Outcome = 'ok';
  private readonly changed = new Emitter();
  readonly onDidChange = this.changed.event;

  constructor(private readonly clock: ManualClock) {}

  async refresh(): Promise<void> {
    this.refreshedAt.push(this.clock.now());
    const outcome = this.outcome;
    this.retryNotBefore = 0;
    if (outcome === 'ok') {
      this.set('ok', undefined);
      this.lastUpdated = this.clock.now();
    } else if (outcome === 'rejected') {
      this.set('keyRejected', new ScrapeHubError('unauthorized', 'rejected'));
    } else {
      if (outcome !== 'fail') {
        this.retryNotBefore = this.clock.now() + outcome.retryAfterMs;
      }
      this.set('unreachable', new ScrapeHubError('network', 'down'));
    }
  }

  cancelInFlight(): void {}

  set(state: ViewState, error: ScrapeHubError | undefined): void {
    this.state = state;
    this.error = error;
    this.changed.fire();
  }
}

describe('AutoRefresh (injected clock)', () => {
  const INTERVAL = 30_000;
  let clock: ManualClock;
  let store: ScriptedStore;
  let intervalMs: number;
  let focus: WindowFocus & { focused: boolean; emitter: Emitter };
  let view: PolledView & { visible: boolean };
  let poller: AutoRefresh | undefined;
  let alerted: Set<string>;
  let settingsChanged: Emitter;

  beforeEach(() => {
    clock = new ManualClock();
    store = new ScriptedStore(clock);
    intervalMs = INTERVAL;
    const emitter = new Emitter();
    focus = { focused: true, onDidChange: emitter.event, emitter };
    view = { visible: true, onDidChangeVisibility: new Emitter().event } as unknown as PolledView & { visible: boolean };
    alerted = new Set();
    settingsChanged = new Emitter();
  });
  afterEach(() => poller?.dispose());

  async function start(): Promise<void> {
    const settings = {
      refreshIntervalMs: () => intervalMs,
      alertedMessageTypes: () => alerted,
      onDidChange: settingsChanged.event,
    } as unknown as PollSettings;
    poller = new AutoRefresh(store as unknown as PolledStore, settings, view, focus, clock, () => 0);
    await settle();
  }

  /** Gaps between refreshes, in ms. */
  const gaps = () => store.refreshedAt.slice(1).map((at, i) => at - store.refreshedAt[i]);

  it('refreshes at once, then on the interval while the window has focus', async () => {
    await start();
    await clock.advance(3 * INTERVAL);
    assert.deepEqual(gaps(), [INTERVAL, INTERVAL, INTERVAL]);
  });

  it('with the view hidden, polls only while new-message alerts are on', async () => {
    view.visible = false;
    alerted = new Set(['KILL_REQUEST']);
    await start();
    await clock.advance(2 * INTERVAL);
    assert.equal(store.refreshedAt.length, 3, 'alerts on: polling goes on for a hidden view');
    alerted = new Set();
    settingsChanged.fire();
    await clock.advance(5 * INTERVAL);
    assert.equal(store.refreshedAt.length, 3, 'alerts off: no polling for a hidden view');
  });

  it('stops while the window is not focused, and catches up when it is again', async () => {
    await start();
    focus.focused = false;
    focus.emitter.fire();
    await clock.advance(5 * INTERVAL);
    assert.equal(store.refreshedAt.length, 1, 'no poll without focus');
    focus.focused = true;
    focus.emitter.fire();
    await settle();
    assert.equal(store.refreshedAt.length, 2, 'an out-of-date view refreshes when focused again');
  });

  it('backs off after failures (doubling) and returns to the interval after a success', async () => {
    store.outcome = 'fail';
    await start();
    await clock.advance(INTERVAL + 2 * INTERVAL + 4 * INTERVAL);
    store.outcome = 'ok';
    await clock.advance(8 * INTERVAL + 2 * INTERVAL);
    assert.deepEqual(gaps(), [INTERVAL, 2 * INTERVAL, 4 * INTERVAL, 8 * INTERVAL, INTERVAL, INTERVAL]);
  });

  it('a rejected key stops polling until the store changes (new key)', async () => {
    store.outcome = 'rejected';
    await start();
    await clock.advance(10 * INTERVAL);
    assert.equal(store.refreshedAt.length, 1);
    store.outcome = 'ok';
    store.set('loading', undefined);
    await clock.advance(INTERVAL);
    assert.equal(store.refreshedAt.length, 2, 'polling resumed');
  });

  it('0 turns polling off', async () => {
    intervalMs = 0;
    await start();
    await clock.advance(100 * INTERVAL);
    assert.equal(store.refreshedAt.length, 1, 'only the catch-up refresh');
    assert.equal(clock.pending, 0);
  });

  it('caps a huge interval at an hour', async () => {
    intervalMs = 1e12;
    await start();
    await clock.advance(MAX_INTERVAL_MS);
    assert.deepEqual(gaps(), [MAX_INTERVAL_MS]);
  });

  it('never polls faster than every 5 s, whatever the interval says', async () => {
    intervalMs = 1;
    await start();
    await clock.advance(60_000);
    assert.deepEqual(gaps(), Array(12).fill(5_000));
  });

  it('honours Retry-After, capped at an hour', async () => {
    store.outcome = { retryAfterMs: 10 * 60_000 };
    await start();
    store.outcome = { retryAfterMs: 1e12 };
    await clock.advance(10 * 60_000);
    store.outcome = 'ok';
    await clock.advance(MAX_RETRY_AFTER_MS);
    assert.deepEqual(gaps(), [10 * 60_000, MAX_RETRY_AFTER_MS]);
  });
});
