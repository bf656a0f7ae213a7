/**
 * Keeps the view's answer fresh: refreshes run one at a time (refreshQueue.ts), read the
 * server as messagesReader.ts says, and start over when the server changes. What is shown
 * of the answers, and in which state, is shownAnswer.ts.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import { systemClock, type Clock } from '../util/clock';
import { MessagesReader } from './messagesReader';
import { RefreshQueue } from './refreshQueue';
import type { ActiveServer, ServerConnection } from './serverConnection';
import { ShownAnswer } from './shownAnswer';

/** What a successful refresh fetched, hidden messages included (see `onDidFetch`). */
export interface FetchedMessages {
  readonly server: ActiveServer;
  readonly messages: readonly ScraperMessage[];
  /** performance.now() when that refresh started: only answers asked for after an event prove anything about it. */
  readonly startedAt: number;
}

export class MessageStore extends ShownAnswer {
  private readonly fetched = new vscode.EventEmitter<FetchedMessages>();
  /** Fires after every successful refresh of this window's own, so unclear acknowledgements can be checked. */
  readonly onDidFetch = this.fetched.event;

  private readonly queue = new RefreshQueue(() => this.loadOnce());
  private readonly reader: MessagesReader;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ServerConnection,
    log: vscode.LogOutputChannel,
    configuredScraperNames: () => readonly string[] = () => [],
    clock: Clock = systemClock,
  ) {
    super(log, configuredScraperNames, clock);
    this.reader = new MessagesReader(log, clock);
    this.subscription = connection.onDidChange(() => this.onServerChanged());
  }

  /** When the server's Retry-After allows the next request (0: now). */
  get retryNotBefore(): number {
    return this.reader.retryNotBefore;
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

  dispose(): void {
    this.queue.dispose();
    this.subscription.dispose();
    this.fetched.dispose();
    super.dispose();
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
    if (!this.snapshot && this.state !== 'loading') {
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
    this.showFailure(failure);
  }

  private onServerChanged(): void {
    this.cancelInFlight();
    this.reader.reset();
    this.forget();
    void this.refresh();
  }
}
