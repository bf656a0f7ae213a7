/**
 * The last known set of pending messages and how we got it. One refresh runs at a time;
 * asking for another while one runs queues exactly one more, so callers that just
 * changed something (sent, acknowledged) always get data fetched after their change.
 */
import * as vscode from 'vscode';
import type { MessagesAnswer, ScraperFailure } from '../api/allMessages';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { ScraperMessage, UserSettings } from '../api/types';
import { groupMessagesAndExpiry, type ScraperGroup } from '../model/messageGroups';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { boundedRetryAfter } from './pollSchedule';
import type { ActiveServer, ServerConnection } from './serverConnection';

/**
 * What the view should say; mirrored into the `scrapehub.state` context key.
 * `unreachable`: no answer (connection failure, timeout); `serverError`: the server
 * answered with an error; `needsScraperNames`: the server insists on scraper names and
 * we know none to ask about.
 */
export type ViewState =
  'loading' | 'noServer' | 'invalidServer' | 'noKey' | 'keyRejected' | 'unreachable' | 'serverError' | 'needsScraperNames' | 'empty' | 'ok';

/** What a successful refresh fetched, hidden messages included (see `onDidFetch`). */
export interface FetchedMessages {
  readonly server: ActiveServer;
  readonly messages: readonly ScraperMessage[];
  /** performance.now() when that refresh started: only answers asked for after an event prove anything about it. */
  readonly startedAt: number;
}

/** The last successful answer. */
export interface Snapshot {
  /** Shared with the client, which hands out the same array for an unchanged answer: never changed. */
  messages: readonly ScraperMessage[];
  user: UserSettings;
  fetchedAt: number;
}

/** userSettings changes rarely; re-read it now and then, and on every manual refresh. */
const USER_SETTINGS_MAX_AGE_MS = 5 * 60_000;

export class MessageStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly fetched = new vscode.EventEmitter<FetchedMessages>();
  /** Fires after every successful refresh of this window's own, so unclear acknowledgements can be checked. */
  readonly onDidFetch = this.fetched.event;

  private snapshot: Snapshot | undefined;
  private failures: readonly ScraperFailure[] = [];
  private userFetchedAt = 0;
  private viewState: ViewState = 'loading';
  private lastError: ScrapeHubError | undefined;
  /** Messages being (or already) acknowledged: hidden at once, whatever a poll returns. */
  private readonly hidden = new Set<string>();
  private groupsCache: ScraperGroup[] | undefined;
  private running: Promise<void> | undefined;
  private rerunRequested = false;
  /** The refresh in flight was cancelled: its answer will be discarded, so nobody may count on it. */
  private inFlightCancelled = false;
  private forceUserReload = false;
  private aborter = new AbortController();
  /** From the server's Retry-After: no request of ours goes out before this time. */
  private notBefore = 0;
  private expiryTimer: TimerHandle;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ServerConnection,
    private readonly log: vscode.LogOutputChannel,
    /** Scraper names the user gave (scrapehub.scraperNames), for servers that insist on one. */
    private readonly configuredScraperNames: () => readonly string[] = () => [],
    private readonly clock: Clock = systemClock,
  ) {
    this.subscription = connection.onDidChange(() => this.onServerChanged());
  }

  get state(): ViewState {
    return this.viewState;
  }

  /** The error behind `unreachable` / `serverError` / `keyRejected`, or the last refresh failure while showing older data. */
  get error(): ScrapeHubError | undefined {
    return this.lastError;
  }

  /** True when the data shown is from an earlier refresh because the last one failed. */
  get isStale(): boolean {
    return this.snapshot !== undefined && this.lastError !== undefined;
  }

  /** Scrapers whose messages the last refresh could not load (a strict server, asked one by one). */
  get failedScrapers(): readonly ScraperFailure[] {
    return this.failures;
  }

  get lastUpdated(): number | undefined {
    return this.snapshot?.fetchedAt;
  }

  /** When the server's Retry-After allows the next request (0: now). */
  get retryNotBefore(): number {
    return this.notBefore;
  }

  get user(): UserSettings | undefined {
    return this.snapshot?.user;
  }

  /** The last answer, unless the last refresh failed. */
  get lastAnswer(): Readonly<Snapshot> | undefined {
    return this.lastError ? undefined : this.snapshot;
  }

  groups(): ScraperGroup[] {
    if (!this.groupsCache) {
      const all = this.snapshot?.messages ?? [];
      const visible = this.hidden.size === 0 ? all : all.filter((message) => !this.hidden.has(message.id));
      const now = this.clock.now();
      const grouping = groupMessagesAndExpiry(visible, this.snapshot?.user.scraperAssignments ?? [], now);
      this.groupsCache = grouping.groups;
      this.scheduleExpiry(grouping.nextExpiry, now);
    }
    return this.groupsCache;
  }

  /** The pending message with this id as the view has it (not hidden, not expired). */
  findMessage(id: string): ScraperMessage | undefined {
    for (const group of this.groups()) {
      const found = group.messages.find((message) => message.id === id);
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  /** Scraper names to ask about when the server insists on `scraperName`. */
  knownScraperNames(): string[] {
    const names = new Set([...(this.snapshot?.user.scraperAssignments ?? []), ...this.configuredScraperNames()]);
    for (const message of this.snapshot?.messages ?? []) {
      names.add(message.scraperName);
    }
    return [...names];
  }

  /**
   * Refresh now. `manual` also re-reads the user's assignments. `orInFlight`: a refresh
   * already on its way will do (its answer is as fresh as the caller needs), so none is queued.
   */
  refresh(options: { manual?: boolean; orInFlight?: boolean } = {}): Promise<void> {
    this.forceUserReload ||= options.manual === true;
    if (this.running) {
      this.rerunRequested ||= !options.orInFlight || options.manual === true || this.inFlightCancelled;
      return this.running;
    }
    this.running = this.refreshUntilCurrent().finally(() => (this.running = undefined));
    return this.running;
  }

  get isRefreshing(): boolean {
    return this.running !== undefined;
  }

  /** Aborts a refresh in flight (the view closed); its result is discarded. */
  cancelInFlight(): void {
    this.inFlightCancelled = this.running !== undefined;
    this.aborter.abort();
    this.aborter = new AbortController();
  }

  hide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.add(id);
    }
    this.invalidate();
  }

  /** Shows messages again after their acknowledgement failed. */
  unhide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.delete(id);
    }
    this.invalidate();
  }

  dispose(): void {
    this.aborter.abort();
    this.clock.clearTimeout(this.expiryTimer);
    this.subscription.dispose();
    this.changed.dispose();
    this.fetched.dispose();
  }

  private async refreshUntilCurrent(): Promise<void> {
    do {
      this.rerunRequested = false;
      this.inFlightCancelled = false;
      await this.loadOnce();
    } while (this.rerunRequested && !this.aborter.signal.aborted);
  }

  private async loadOnce(): Promise<void> {
    const startedAt = performance.now();
    const setting = this.connection.setting;
    const server = this.connection.active;
    if (!server) {
      this.settle(setting.kind === 'invalid' ? 'invalidServer' : 'noServer', undefined, true);
      return;
    }
    if (!(await this.connection.hasKey())) {
      this.settle('noKey', undefined, true);
      return;
    }
    if (this.clock.now() < this.notBefore) {
      return; // The server asked us to wait (Retry-After); manual refreshes respect it too.
    }
    if (!this.snapshot && this.viewState !== 'loading') {
      this.settle('loading', undefined, false);
    }
    const signal = this.aborter.signal;
    try {
      // Both requests go out at once: the messages need the user's assignments only from a
      // strict server (to ask per scraper), and then they wait for them.
      const userRead = this.loadUser(signal);
      const known = async () => [...((await userRead).scraperAssignments ?? []), ...this.knownScraperNames()];
      const messagesRead = server.allMessages.fetch(known, { signal });
      void messagesRead.catch(() => undefined); // When both fail, the user settings' failure is the one reported.
      const user = await userRead;
      const answer = await messagesRead;
      if (server !== this.connection.active || signal.aborted) {
        return; // The server changed (or the view closed) while we waited; this answer is not wanted.
      }
      const unchanged = this.isShowing(answer, user);
      this.snapshot = { messages: answer.messages, user, fetchedAt: this.clock.now() };
      this.failures = answer.failed;
      this.notBefore = 0;
      if (unchanged) {
        // Nothing to regroup or redraw; the expiry timer still drops messages on time.
        this.fetched.fire({ server, messages: answer.messages, startedAt });
        return;
      }
      for (const { scraperName, error } of answer.failed) {
        this.log.warn(
          `[store] messages of one scraper could not be loaded: ${error.kind}: ${error.message} (${JSON.stringify(scraperName)})`,
        );
      }
      this.settle(answer.needsScraperNames ? 'needsScraperNames' : 'ok', undefined, false);
      this.fetched.fire({ server, messages: answer.messages, startedAt });
    } catch (error) {
      this.onRefreshFailed(error, server === this.connection.active);
    }
  }

  /** True when `answer` is exactly what is shown, complete, in a state without an error to clear. */
  private isShowing(answer: MessagesAnswer, user: UserSettings): boolean {
    const shown = this.snapshot;
    const settled = this.viewState === 'ok' || this.viewState === 'empty';
    return (
      settled &&
      shown?.messages === answer.messages &&
      shown.user === user &&
      this.failures.length === 0 &&
      answer.failed.length === 0 &&
      !answer.needsScraperNames
    );
  }

  private async loadUser(signal: AbortSignal): Promise<UserSettings> {
    const cached = this.snapshot?.user;
    if (cached && !this.forceUserReload && this.clock.now() - this.userFetchedAt < USER_SETTINGS_MAX_AGE_MS) {
      return cached;
    }
    this.forceUserReload = false;
    const user = await this.connection.active!.client.getUserSettings({ signal });
    this.userFetchedAt = this.clock.now();
    return user;
  }

  private onRefreshFailed(error: unknown, stillSameServer: boolean): void {
    if (!stillSameServer) {
      return;
    }
    const failure = isScrapeHubError(error) ? error : new ScrapeHubError('server', String(error));
    if (failure.kind === 'aborted') {
      return;
    }
    this.log.warn(`[store] refresh failed: ${failure.kind}: ${failure.message}${failure.traceId ? ` (trace id ${failure.traceId})` : ''}`);
    const wait = boundedRetryAfter(failure.retryAfterMs);
    if (wait > 0) {
      this.notBefore = this.clock.now() + wait;
      this.log.info(`[store] the server asked to wait ${Math.ceil(wait / 1000)} s before the next request`);
    }
    if (failure.kind === 'notConfigured') {
      this.settle('noKey', undefined, true);
    } else if (failure.isAuthProblem) {
      // Data fetched with a key the server now rejects should not stay on screen.
      this.settle('keyRejected', failure, true);
    } else {
      // "Could not be reached" only when there was no answer; otherwise the server's own words.
      this.settle(failure.kind === 'network' || failure.kind === 'timeout' ? 'unreachable' : 'serverError', failure, false);
    }
  }

  private settle(state: ViewState, error: ScrapeHubError | undefined, dropData: boolean): void {
    if (dropData) {
      this.snapshot = undefined;
      this.failures = [];
    }
    this.lastError = error;
    // Always regrouped: dropped data must leave the tree too, not only new data arrive.
    this.groupsCache = undefined;
    this.viewState = state === 'ok' && this.groups().length === 0 ? 'empty' : state;
    this.changed.fire();
  }

  private invalidate(): void {
    this.groupsCache = undefined;
    if (this.viewState === 'ok' || this.viewState === 'empty') {
      this.viewState = this.groups().length === 0 ? 'empty' : 'ok';
    }
    this.changed.fire();
  }

  private scheduleExpiry(next: number | undefined, now: number): void {
    this.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = next === undefined ? undefined : this.clock.setTimeout(() => this.invalidate(), next - now + 50);
  }

  private onServerChanged(): void {
    this.cancelInFlight();
    this.notBefore = 0;
    this.snapshot = undefined;
    this.failures = [];
    this.userFetchedAt = 0;
    this.hidden.clear();
    this.groupsCache = undefined;
    this.viewState = 'loading';
    this.lastError = undefined;
    this.changed.fire();
    void this.refresh();
  }
}
