/**
 * The last known set of pending messages and how we got it, with the state the view shows.
 * Refreshes run one at a time (refreshQueue.ts) and read the server as messagesReader.ts
 * says; what of the answer the view shows is visibleGroups.ts.
 */
import * as vscode from 'vscode';
import type { MessagesAnswer, ScraperFailure } from '../api/allMessages';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { ScraperMessage, UserSettings } from '../api/types';
import type { ScraperGroup } from '../model/messageGroups';
import { stateAfterFailure, type ViewState } from '../model/viewState';
import { systemClock, type Clock } from '../util/clock';
import { MessagesReader } from './messagesReader';
import { RefreshQueue } from './refreshQueue';
import type { ActiveServer, ServerConnection } from './serverConnection';
import { VisibleGroups } from './visibleGroups';

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

export class MessageStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly fetched = new vscode.EventEmitter<FetchedMessages>();
  /** Fires after every successful refresh of this window's own, so unclear acknowledgements can be checked. */
  readonly onDidFetch = this.fetched.event;

  private snapshot: Snapshot | undefined;
  private failures: readonly ScraperFailure[] = [];
  private viewState: ViewState = 'loading';
  private lastError: ScrapeHubError | undefined;
  private readonly visible: VisibleGroups;
  private readonly queue = new RefreshQueue(() => this.loadOnce());
  private readonly reader: MessagesReader;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ServerConnection,
    private readonly log: vscode.LogOutputChannel,
    /** Scraper names the user gave (scrapehub.scraperNames), for servers that insist on one. */
    private readonly configuredScraperNames: () => readonly string[] = () => [],
    private readonly clock: Clock = systemClock,
  ) {
    this.reader = new MessagesReader(log, clock);
    this.visible = new VisibleGroups(
      () => this.snapshot,
      clock,
      () => this.invalidate(),
    );
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
    return this.reader.retryNotBefore;
  }

  get user(): UserSettings | undefined {
    return this.snapshot?.user;
  }

  /** The last answer, unless the last refresh failed. */
  get lastAnswer(): Readonly<Snapshot> | undefined {
    return this.lastError ? undefined : this.snapshot;
  }

  groups(): ScraperGroup[] {
    return this.visible.groups;
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
    const manual = options.manual === true;
    if (manual) {
      this.reader.reloadUser();
    }
    return this.queue.run(options.orInFlight === true && !manual);
  }

  get isRefreshing(): boolean {
    return this.queue.isRunning;
  }

  /** Aborts a refresh in flight (the view closed); its result is discarded. */
  cancelInFlight(): void {
    this.queue.cancel();
  }

  /** Hides messages at once while they are being acknowledged. */
  hide(ids: Iterable<string>): void {
    this.visible.hide(ids);
    this.invalidate();
  }

  /** Shows messages again after their acknowledgement failed. */
  unhide(ids: Iterable<string>): void {
    this.visible.unhide(ids);
    this.invalidate();
  }

  dispose(): void {
    this.queue.dispose();
    this.visible.dispose();
    this.subscription.dispose();
    this.changed.dispose();
    this.fetched.dispose();
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
    if (this.clock.now() < this.reader.retryNotBefore) {
      return; // The server asked us to wait (Retry-After); manual refreshes respect it too.
    }
    if (!this.snapshot && this.viewState !== 'loading') {
      this.settle('loading', undefined, false);
    }
    const signal = this.queue.signal;
    try {
      const { user, answer } = await this.reader.read(server, this.snapshot?.user, () => this.knownScraperNames(), signal);
      if (server !== this.connection.active || signal.aborted) {
        return; // The server changed (or the view closed) while we waited; this answer is not wanted.
      }
      this.show(answer, user);
      this.fetched.fire({ server, messages: answer.messages, startedAt });
    } catch (error) {
      this.onRefreshFailed(error, server === this.connection.active);
    }
  }

  private show(answer: MessagesAnswer, user: UserSettings): void {
    const unchanged = this.isShowing(answer, user);
    this.snapshot = { messages: answer.messages, user, fetchedAt: this.clock.now() };
    this.failures = answer.failed;
    if (unchanged) {
      return; // Nothing to regroup or redraw; the expiry timer still drops messages on time.
    }
    for (const { scraperName, error } of answer.failed) {
      this.log.warn(
        `[store] messages of one scraper could not be loaded: ${error.kind}: ${error.message} (${JSON.stringify(scraperName)})`,
      );
    }
    this.settle(answer.needsScraperNames ? 'needsScraperNames' : 'ok', undefined, false);
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

  private onRefreshFailed(error: unknown, stillSameServer: boolean): void {
    if (!stillSameServer) {
      return;
    }
    const failure = isScrapeHubError(error) ? error : new ScrapeHubError('server', String(error));
    if (failure.kind === 'aborted') {
      return;
    }
    this.log.warn(`[store] refresh failed: ${failure.kind}: ${failure.message}${failure.traceId ? ` (trace id ${failure.traceId})` : ''}`);
    this.reader.failed(failure);
    const after = stateAfterFailure(failure);
    this.settle(after.state, after.error, after.dropData);
  }

  private settle(state: ViewState, error: ScrapeHubError | undefined, dropData: boolean): void {
    if (dropData) {
      this.snapshot = undefined;
      this.failures = [];
    }
    this.lastError = error;
    // Always regrouped: dropped data must leave the tree too, not only new data arrive.
    this.visible.invalidate();
    this.viewState = state === 'ok' && this.groups().length === 0 ? 'empty' : state;
    this.changed.fire();
  }

  private invalidate(): void {
    this.visible.invalidate();
    if (this.viewState === 'ok' || this.viewState === 'empty') {
      this.viewState = this.groups().length === 0 ? 'empty' : 'ok';
    }
    this.changed.fire();
  }

  private onServerChanged(): void {
    this.cancelInFlight();
    this.reader.reset();
    this.snapshot = undefined;
    this.failures = [];
    this.visible.clear();
    this.viewState = 'loading';
    this.lastError = undefined;
    this.changed.fire();
    void this.refresh();
  }
}
