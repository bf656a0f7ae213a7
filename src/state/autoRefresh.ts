/**
 * Refreshes the store on a timer, only while the window has focus and the Messages view
 * is visible — or, when new-message alerts are on for some type, also while the view is
 * hidden (an alert is for when you look elsewhere) — so background windows cost the server
 * nothing. The next refresh is scheduled only after the previous one finished; failures
 * back off (pollSchedule.ts); a rejected key stops polling until the key or server
 * changes; windows on the same server share one poll per interval (pollCoordinator.ts).
 */
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { MessageStore } from './messageStore';
import type { PollCoordinator } from './pollCoordinator';
import { nextPollDelay } from './pollSchedule';
import type { ServerConnection } from './serverConnection';

/** How long after another window's expected poll this one looks again (times 1–2, jittered). */
const ADOPT_SLACK_MS = 1_000;
/** Most random delay added to a window's own timer (at most a tenth of the interval). */
const IN_STEP_JITTER_MS = 1_000;

export interface WindowFocus {
  readonly focused: boolean;
  readonly onDidChange: vscode.Event<unknown>;
}

export const vscodeWindowFocus: WindowFocus = {
  get focused() {
    return vscode.window.state.focused;
  },
  onDidChange: vscode.window.onDidChangeWindowState,
};

export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private consecutiveFailures = 0;
  /** "visible/focused" when last handled, to ignore window-state events that change neither. */
  private lastAttention: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: MessageStore,
    private readonly settings: Settings,
    private readonly view: vscode.TreeView<unknown>,
    private readonly connection: ServerConnection,
    private readonly windows: PollCoordinator,
    private readonly focus: WindowFocus = vscodeWindowFocus,
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

  /** Failed automatic refreshes in a row (0 after a success). */
  get failures(): number {
    return this.consecutiveFailures;
  }

  dispose(): void {
    this.stop();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private get watched(): boolean {
    return this.focus.focused && (this.view.visible || this.alertsWanted);
  }

  /** Alerts need fresh answers even while the view is hidden. */
  private get alertsWanted(): boolean {
    return this.settings.alertedMessageTypes().size > 0;
  }

  private onStoreChanged(): void {
    // Any success (a manual refresh, another window's answer) ends the backoff.
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
    // Window-state events also fire for changes that are not focus (e.g. the window going
    // idle); reacting to those would pull this window's timer onto another window's.
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
    const interval = this.settings.refreshIntervalMs();
    const last = this.store.lastUpdated;
    // Coming back to the view: bring it up to date now rather than at the next tick.
    if (last === undefined || (interval > 0 && Date.now() - last >= interval)) {
      void this.refreshThenSchedule();
    } else {
      const shared = this.recentPollByAnotherWindow();
      this.schedule(shared ? this.delayAfterOtherWindow(shared.at) : this.currentDelay() - (Date.now() - last));
    }
    return true;
  }

  private recentPollByAnotherWindow() {
    const origin = this.connection.active?.address.origin;
    const interval = this.settings.refreshIntervalMs();
    return origin && interval > 0 ? this.windows.recentPollByAnotherWindow(origin, interval, this.store.user?.username) : undefined;
  }

  /** Just after the other window's next poll (which takes a moment to reach us), jittered. */
  private delayAfterOtherWindow(otherPollAt: number): number {
    return otherPollAt + this.settings.refreshIntervalMs() - Date.now() + ADOPT_SLACK_MS * (1 + Math.random());
  }

  private async refreshThenSchedule(): Promise<void> {
    this.stop();
    const origin = this.connection.active?.address.origin;
    const shared = this.recentPollByAnotherWindow();
    if (shared) {
      // Another window just asked the server; use its answer and check again after its next poll.
      this.store.adopt(shared.snapshot);
      this.schedule(this.delayAfterOtherWindow(shared.at));
      return;
    }
    if (origin) {
      await this.windows.pollStarted(origin);
    }
    await this.store.refresh();
    const failed = this.store.error !== undefined && this.store.state !== 'keyRejected';
    this.consecutiveFailures = failed ? this.consecutiveFailures + 1 : 0;
    const snapshot = this.store.currentSnapshot;
    if (origin && snapshot && origin === this.connection.active?.address.origin) {
      await this.windows.pollSucceeded(origin, snapshot);
    }
    this.schedule(this.currentDelay());
  }

  private currentDelay(): number {
    const retryAfterMs = Math.max(0, this.store.retryNotBefore - Date.now());
    const intervalMs = this.settings.refreshIntervalMs();
    // A little jitter, so two windows that happen to poll together drift apart and one of
    // them then sees the other's poll in time to use it.
    const jitter = Math.random() * Math.min(IN_STEP_JITTER_MS, intervalMs / 10);
    return nextPollDelay({ intervalMs, consecutiveFailures: this.consecutiveFailures, retryAfterMs }) + jitter;
  }

  private schedule(delayMs: number): void {
    this.stop();
    if (!this.mayPoll()) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The state may have changed since scheduling (e.g. the key was rejected meanwhile).
      if (this.mayPoll()) {
        void this.refreshThenSchedule();
      }
    }, Math.max(0, delayMs));
  }

  private mayPoll(): boolean {
    return this.settings.refreshIntervalMs() > 0 && this.watched && !this.isPaused();
  }

  /**
   * Polling with a key the server rejects only repeats the rejection, and without a
   * server or key there is nothing to ask; it resumes when the key or the server changes.
   */
  private isPaused(): boolean {
    const state = this.store.state;
    return state === 'keyRejected' || state === 'noKey' || state === 'noServer' || state === 'invalidServer';
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
