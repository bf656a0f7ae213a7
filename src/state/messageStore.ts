/**
 * The last known set of pending messages and how we got it. One refresh runs at a time;
 * asking for another while one runs queues exactly one more, so callers that just
 * changed something (sent, acknowledged) always get data fetched after their change.
 */
import * as vscode from 'vscode';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { ScraperMessage, UserSettings } from '../api/types';
import { groupMessagesAndExpiry, groupMessagesInSlices, type Grouping, type ScraperGroup } from '../model/messageGroups';
import { nextTask, totalPausedMs } from '../util/slices';
import type { ActiveServer, ServerConnection } from './serverConnection';

/** What the view should say; mirrored into the `scrapehub.state` context key. */
export type ViewState = 'loading' | 'noServer' | 'invalidServer' | 'noKey' | 'keyRejected' | 'unreachable' | 'empty' | 'ok';

/**
 * Where the last successful refresh spent its time, in milliseconds: waiting (for the key
 * from SecretStorage and for the server), turning the body into checked messages, and
 * rebuilding what the view shows (grouping plus every listener of onDidChange). The last
 * two count only the extension's own work: not the pauses it makes between slices, when
 * the host runs other work. Logged at trace level; `npm run bench` reads it.
 */
export interface RefreshProfile {
  messages: number;
  waitingMs: number;
  /** Part of waitingMs: a large answer parsed and checked in the worker thread, off the main thread. */
  workerMs: number;
  parseMs: number;
  modelMs: number;
}

/** What a successful refresh fetched, hidden messages included (see `onDidFetch`). */
export interface FetchedMessages {
  readonly server: ActiveServer;
  readonly messages: readonly ScraperMessage[];
  /** performance.now() when that refresh started: only answers asked for after an event prove anything about it. */
  readonly startedAt: number;
}

export interface Snapshot {
  messages: ScraperMessage[];
  user: UserSettings;
  fetchedAt: number;
}

/** userSettings changes rarely; re-read it now and then, and on every manual refresh. */
const USER_SETTINGS_MAX_AGE_MS = 5 * 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class MessageStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly fetched = new vscode.EventEmitter<FetchedMessages>();
  /** Fires after every successful refresh of this window's own, so unclear acknowledgements can be checked. */
  readonly onDidFetch = this.fetched.event;

  private snapshot: Snapshot | undefined;
  private userFetchedAt = 0;
  private viewState: ViewState = 'loading';
  private lastError: ScrapeHubError | undefined;
  /** Messages being (or already) acknowledged: hidden at once, whatever a poll returns. */
  private readonly hidden = new Set<string>();
  /** Bumped on every hide/unhide, so a grouping computed meanwhile is known to be out of date. */
  private hiddenVersion = 0;
  private groupsCache: ScraperGroup[] | undefined;
  private running: Promise<void> | undefined;
  private rerunRequested = false;
  private forceUserReload = false;
  private aborter = new AbortController();
  /** From the server's Retry-After: no request of ours goes out before this time. */
  private notBefore = 0;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private profile: RefreshProfile | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: ServerConnection, private readonly log: vscode.LogOutputChannel) {
    this.subscription = connection.onDidChange(() => this.onServerChanged());
  }

  get state(): ViewState {
    return this.viewState;
  }

  /** The error behind `unreachable` / `keyRejected`, or the last refresh failure while showing older data. */
  get error(): ScrapeHubError | undefined {
    return this.lastError;
  }

  /** True when the data shown is from an earlier refresh because the last one failed. */
  get isStale(): boolean {
    return this.snapshot !== undefined && this.lastError !== undefined;
  }

  get lastUpdated(): number | undefined {
    return this.snapshot?.fetchedAt;
  }

  /** When the server's Retry-After allows the next request (0: now). */
  get retryNotBefore(): number {
    return this.notBefore;
  }

  get lastRefreshProfile(): RefreshProfile | undefined {
    return this.profile;
  }

  get user(): UserSettings | undefined {
    return this.snapshot?.user;
  }

  groups(): ScraperGroup[] {
    if (!this.groupsCache) {
      const now = Date.now();
      this.useGrouping(groupMessagesAndExpiry(this.visibleMessages(), this.snapshot?.user.scraperAssignments ?? [], now), now);
    }
    return this.groupsCache!;
  }

  private visibleMessages(snapshot = this.snapshot): ScraperMessage[] {
    const all = snapshot?.messages ?? [];
    return this.hidden.size === 0 ? all : all.filter((message) => !this.hidden.has(message.id));
  }

  private useGrouping(grouping: Grouping, now: number): void {
    this.groupsCache = grouping.groups;
    this.scheduleExpiry(grouping.nextExpiry, now);
  }

  /** The last answer, to share with other windows (see PollCoordinator). */
  get currentSnapshot(): Readonly<Snapshot> | undefined {
    return this.lastError ? undefined : this.snapshot;
  }

  /** Takes an answer another window fetched from the same server, if it is newer than ours. */
  adopt(snapshot: Snapshot): void {
    if (this.running || (this.snapshot && this.snapshot.fetchedAt >= snapshot.fetchedAt)) {
      return;
    }
    this.snapshot = { messages: snapshot.messages, user: snapshot.user, fetchedAt: snapshot.fetchedAt };
    this.userFetchedAt = snapshot.fetchedAt;
    this.settle('ok', undefined, false);
  }

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
    const names = new Set(this.snapshot?.user.scraperAssignments ?? []);
    for (const message of this.snapshot?.messages ?? []) {
      names.add(message.scraperName);
    }
    return [...names];
  }

  /** Refresh now. `manual` also re-reads the user's assignments. */
  refresh(options: { manual?: boolean } = {}): Promise<void> {
    this.forceUserReload ||= options.manual === true;
    if (this.running) {
      this.rerunRequested = true;
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
    this.aborter.abort();
    this.aborter = new AbortController();
  }

  hide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.add(id);
    }
    this.hiddenVersion++;
    this.invalidate();
  }

  /** Shows messages again after their acknowledgement failed. */
  unhide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.delete(id);
    }
    this.hiddenVersion++;
    this.invalidate();
  }

  dispose(): void {
    this.aborter.abort();
    clearTimeout(this.expiryTimer);
    this.subscription.dispose();
    this.changed.dispose();
    this.fetched.dispose();
  }

  private async refreshUntilCurrent(): Promise<void> {
    do {
      this.rerunRequested = false;
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
    if (Date.now() < this.notBefore) {
      return; // The server asked us to wait (Retry-After); manual refreshes respect it too.
    }
    if (!this.snapshot && this.viewState !== 'loading') {
      this.settle('loading', undefined, false);
    }
    const signal = this.aborter.signal;
    try {
      const user = await this.loadUser(signal);
      const known = () => new Set([...(user.scraperAssignments ?? []), ...this.knownScraperNames()]);
      const fetchStarted = performance.now();
      const pausedBeforeFetch = totalPausedMs();
      const messages = await server.allMessages.fetch(known, { signal });
      if (server !== this.connection.active) {
        return; // The server changed while we waited; this answer belongs to the old one.
      }
      const modelStarted = performance.now();
      const pausedBeforeModel = totalPausedMs();
      const parseMs = modelStarted - fetchStarted - (pausedBeforeModel - pausedBeforeFetch);
      const snapshot = { messages, user, fetchedAt: Date.now() };
      // Grouped in slices, in tasks of their own: a huge answer never blocks the host for long.
      await nextTask();
      const hiddenVersion = this.hiddenVersion;
      const now = Date.now();
      const grouping = await groupMessagesInSlices(this.visibleMessages(snapshot), user.scraperAssignments ?? [], now);
      if (server !== this.connection.active || signal.aborted) {
        return;
      }
      this.snapshot = snapshot;
      this.notBefore = 0;
      this.settle('ok', undefined, false, hiddenVersion === this.hiddenVersion ? { grouping, now } : undefined);
      this.fetched.fire({ server, messages, startedAt });
      this.recordProfile(messages.length, 0, 0, parseMs, performance.now() - modelStarted - (totalPausedMs() - pausedBeforeModel));
    } catch (error) {
      this.onRefreshFailed(error, server === this.connection.active);
    }
  }

  private recordProfile(messages: number, waitingMs: number, workerMs: number, parseMs: number, modelMs: number): void {
    this.profile = { messages, waitingMs, workerMs, parseMs, modelMs };
    this.log.trace(`[store] ${messages} messages: waiting ${waitingMs.toFixed(1)} ms (worker ${workerMs.toFixed(1)} ms), parse ${parseMs.toFixed(1)} ms, model ${modelMs.toFixed(1)} ms`);
  }

  private async loadUser(signal: AbortSignal): Promise<UserSettings> {
    const cached = this.snapshot?.user;
    if (cached && !this.forceUserReload && Date.now() - this.userFetchedAt < USER_SETTINGS_MAX_AGE_MS) {
      return cached;
    }
    this.forceUserReload = false;
    const user = await this.connection.active!.client.getUserSettings({ signal });
    this.userFetchedAt = Date.now();
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
    this.log.warn(`[store] refresh failed: ${failure.kind}: ${failure.message}`);
    if (failure.retryAfterMs !== undefined) {
      this.notBefore = Date.now() + failure.retryAfterMs;
      this.log.info(`[store] the server asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before the next request`);
    }
    if (failure.kind === 'notConfigured') {
      this.settle('noKey', undefined, true);
    } else if (failure.isAuthProblem) {
      // Data fetched with a key the server now rejects should not stay on screen.
      this.settle('keyRejected', failure, true);
    } else {
      this.settle('unreachable', failure, false);
    }
  }

  /** `grouped`: the new snapshot's grouping, when already computed (in slices) for it. */
  private settle(state: ViewState, error: ScrapeHubError | undefined, dropData: boolean, grouped?: { grouping: Grouping; now: number }): void {
    if (dropData) {
      this.snapshot = undefined;
    }
    this.lastError = error;
    // Always regrouped: dropped data must leave the tree too, not only new data arrive.
    this.groupsCache = undefined;
    if (grouped) {
      this.useGrouping(grouped.grouping, grouped.now);
    }
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
    clearTimeout(this.expiryTimer);
    if (next !== undefined) {
      this.expiryTimer = setTimeout(() => this.invalidate(), Math.min(next - now + 50, MAX_TIMER_MS));
    }
  }

  private onServerChanged(): void {
    this.cancelInFlight();
    this.notBefore = 0;
    this.snapshot = undefined;
    this.userFetchedAt = 0;
    this.hidden.clear();
    this.hiddenVersion++;
    this.groupsCache = undefined;
    this.viewState = 'loading';
    this.lastError = undefined;
    this.changed.fire();
    void this.refresh();
  }
}
