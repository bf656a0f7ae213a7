/**
 * Refreshes the store on a timer, only while the window has focus and the Messages view
 * is visible — or, when new-message alerts are on for some type, also while the view is
 * hidden (an alert is for when you look elsewhere) — so background windows cost the server
 * nothing, and of several windows only the focused one polls. The next refresh is
 * scheduled only after the previous one finished; failures back off (pollSchedule.ts); a
 * rejected key stops polling until the key or server changes.
 *
 * Depends on narrow interfaces and an injected clock only (no `vscode` at run time), so its
 * unit tests drive time by hand.
 */
import type * as vscode from 'vscode';
import type { Clock, TimerHandle } from '../util/clock';
import type { Settings } from '../config/settings';
import type { MessageStore } from './messageStore';
import { boundedInterval, nextPollDelay } from './pollSchedule';

/** Most random delay added to a window's timer (at most a tenth of the interval). */
const JITTER_MS = 1_000;

export interface WindowFocus {
  readonly focused: boolean;
  readonly onDidChange: vscode.Event<unknown>;
}

export type PolledStore = Pick<
  MessageStore,
  'state' | 'error' | 'isRefreshing' | 'lastUpdated' | 'retryNotBefore' | 'refresh' | 'cancelInFlight' | 'onDidChange'
>;
export type PollSettings = Pick<Settings, 'refreshIntervalMs' | 'alertedMessageTypes' | 'onDidChange'>;
export type PolledView = Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;

export class AutoRefresh implements vscode.Disposable {
  private timer: TimerHandle;
  private consecutiveFailures = 0;
  /** "visible/focused/alerts" when last handled, to ignore window-state events that change none. */
  private lastAttention: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: PolledStore,
    private readonly settings: PollSettings,
    private readonly view: PolledView,
    private readonly focus: WindowFocus,
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {
    this.subscriptions.push(
      view.onDidChangeVisibility(() => this.onAttentionChanged()),
      focus.onDidChange(() => this.onAttentionChanged()),
      settings.onDidChange(() => {
        // Turning alerts on or off may start or end polling while the view is hidden.
        if (!this.onAttentionChanged()) {
          this.schedule(this.currentDelay());
        }
      }),
      store.onDidChange(() => this.onStoreChanged()),
    );
    this.onAttentionChanged();
  }

  dispose(): void {
    this.stop();
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  private get watched(): boolean {
    return this.focus.focused && (this.view.visible || this.alertsWanted);
  }

  /** Alerts need fresh answers even while the view is hidden. */
  private get alertsWanted(): boolean {
    return this.settings.alertedMessageTypes().size > 0;
  }

  private get intervalMs(): number {
    return boundedInterval(this.settings.refreshIntervalMs());
  }

  private onStoreChanged(): void {
    // Any success (a manual refresh too) ends the backoff.
    if (this.store.state === 'ok' || this.store.state === 'empty') {
      this.consecutiveFailures = 0;
    }
    // A new key or server ends a pause caused by a rejected key.
    if (this.timer === undefined && !this.store.isRefreshing) {
      this.schedule(this.currentDelay());
    }
  }

  /** Returns false when nothing that decides polling changed (and nothing was done). */
  private onAttentionChanged(): boolean {
    // Window-state events also fire for changes that are not focus (e.g. the window going idle).
    const attention = `${this.view.visible}/${this.focus.focused}/${this.alertsWanted}`;
    if (attention === this.lastAttention) {
      return false;
    }
    this.lastAttention = attention;
    if (!this.view.visible && !this.alertsWanted) {
      // Nobody will look at the answer.
      this.stop();
      this.store.cancelInFlight();
      return true;
    }
    if (!this.watched || this.isPaused()) {
      this.stop();
      return true;
    }
    const interval = this.intervalMs;
    const last = this.store.lastUpdated;
    // Coming back to the view: bring it up to date now rather than at the next tick.
    if (last === undefined || (interval > 0 && this.clock.now() - last >= interval)) {
      void this.refreshThenSchedule();
    } else {
      this.schedule(this.currentDelay() - (this.clock.now() - last));
    }
    return true;
  }

  private async refreshThenSchedule(): Promise<void> {
    this.stop();
    // Opening the view right after activation finds the first refresh on its way: that one will do.
    await this.store.refresh({ orInFlight: true });
    const failed = this.store.error !== undefined && this.store.state !== 'keyRejected';
    this.consecutiveFailures = failed ? this.consecutiveFailures + 1 : 0;
    this.schedule(this.currentDelay());
  }

  private currentDelay(): number {
    const retryAfterMs = this.store.retryNotBefore - this.clock.now();
    const intervalMs = this.intervalMs;
    // A little jitter, so windows that failed together drift apart.
    const jitter = this.random() * Math.min(JITTER_MS, intervalMs / 10);
    return nextPollDelay({ intervalMs, consecutiveFailures: this.consecutiveFailures, retryAfterMs, random: this.random }) + jitter;
  }

  private schedule(delayMs: number): void {
    this.stop();
    if (!this.mayPoll()) {
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      // The state may have changed since scheduling (e.g. the key was rejected meanwhile).
      if (this.mayPoll()) {
        void this.refreshThenSchedule();
      }
    }, delayMs);
  }

  private mayPoll(): boolean {
    return this.intervalMs > 0 && this.watched && !this.isPaused();
  }

  /**
   * Polling with a key the server rejects only repeats the rejection, and without a
   * server or key there is nothing to ask; it resumes when the key or the server changes.
   */
  private isPaused(): boolean {
    const state = this.store.state;
    return (
      state === 'keyRejected' || state === 'noKey' || state === 'noServer' || state === 'invalidServer' || state === 'needsScraperNames'
    );
  }

  private stop(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
