/**
 * What the view shows of the server's last answer and why: the answer itself, the scrapers
 * that could not be loaded, the view state and the error behind it. How answers are fetched
 * is messageStore.ts; what of an answer is visible is visibleGroups.ts.
 */
import * as vscode from 'vscode';
import type { MessagesAnswer, ScraperFailure } from '../api/allMessages';
import type { ScrapeHubError } from '../api/errors';
import type { ScraperMessage, UserSettings } from '../api/types';
import type { ScraperGroup } from '../model/messageGroups';
import { stateAfterFailure, type ViewState } from '../model/viewState';
import type { Clock } from '../util/clock';
import { VisibleGroups } from './visibleGroups';

/** The last successful answer. */
export interface Snapshot {
  /** Shared with the client, which hands out the same array for an unchanged answer: never changed. */
  messages: readonly ScraperMessage[];
  user: UserSettings;
  fetchedAt: number;
}

export class ShownAnswer implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  protected snapshot: Snapshot | undefined;
  private failures: readonly ScraperFailure[] = [];
  private viewState: ViewState = 'loading';
  private lastError: ScrapeHubError | undefined;
  private readonly visible: VisibleGroups;

  constructor(
    protected readonly log: vscode.LogOutputChannel,
    /** Scraper names the user gave (scrapehub.scraperNames), for servers that insist on one. */
    private readonly configuredScraperNames: () => readonly string[],
    protected readonly clock: Clock,
  ) {
    this.visible = new VisibleGroups(
      () => this.snapshot,
      clock,
      () => this.invalidate(),
    );
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
    this.visible.dispose();
    this.changed.dispose();
  }

  protected show(answer: MessagesAnswer, user: UserSettings): void {
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

  protected showFailure(failure: ScrapeHubError): void {
    const after = stateAfterFailure(failure);
    this.settle(after.state, after.error, after.dropData);
  }

  protected settle(state: ViewState, error: ScrapeHubError | undefined, dropData: boolean): void {
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

  /** Another server: nothing of the old one stays, its message ids included. */
  protected forget(): void {
    this.snapshot = undefined;
    this.failures = [];
    this.visible.clear();
    this.viewState = 'loading';
    this.lastError = undefined;
    this.changed.fire();
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

  private invalidate(): void {
    this.visible.invalidate();
    if (this.viewState === 'ok' || this.viewState === 'empty') {
      this.viewState = this.groups().length === 0 ? 'empty' : 'ok';
    }
    this.changed.fire();
  }
}
