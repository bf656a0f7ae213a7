/**
 * Acknowledges messages of one server, optimistically: they leave the view at once and
 * come back if the server refuses. The server is the one the messages were shown for,
 * captured by the caller; once it is replaced (another server, another key) nothing is
 * sent. An answer that leaves the outcome unclear is checked against the server's next
 * list before it is reported either way (see ackOutcome.ts).
 */
import * as vscode from 'vscode';
import { ScrapeHubError } from '../api/errors';
import type { ScraperMessage } from '../api/types';
import { cancellableDelay } from '../util/cancellableDelay';
import { systemClock, type Clock } from '../util/clock';
import { ackOnce, nextListing, type AckOutcome } from './ackOutcome';
import type { MessageStore } from './messageStore';
import type { RecentlyAcknowledged } from './recentlyAcknowledged';
import type { ActiveServer, ServerConnection } from './serverConnection';

/** Bulk acknowledgements run a few at a time: quick, without flooding the server. */
const CONCURRENCY = 4;
/** A longer Retry-After fails the rest instead: nobody watches a progress bar for longer. */
export const MAX_ACK_PAUSE_MS = 30_000;
/** Asking again after Retry-After, at most this often per message. */
const MAX_ATTEMPTS = 3;

export interface AckFailure {
  message: ScraperMessage;
  error: ScrapeHubError;
}

export interface AckSummary {
  acknowledged: ScraperMessage[];
  /** Already acknowledged elsewhere (or gone): the goal is met all the same. */
  alreadyAcknowledged: ScraperMessage[];
  failed: AckFailure[];
  /** Cancelled before they were sent: still pending and shown. */
  cancelled: ScraperMessage[];
  /** Already being acknowledged by an earlier request of this window: not sent again. */
  inFlight: ScraperMessage[];
  /** Unclear answers no successful refresh has settled yet: hidden until one does. */
  unconfirmed: ScraperMessage[];
  /** For `unconfirmed`: what the next successful refresh showed. */
  later?: Promise<AckSummary>;
  /**
   * In `later` only: no successful refresh came in time, or the server changed first.
   * Shown again if the server still lists them; whether it acknowledged them is unknown.
   */
  stillUnknown: ScraperMessage[];
}

export interface AckOptions {
  token?: vscode.CancellationToken;
  /** After each message whose answer is in. */
  onProgress?: (settled: number, total: number) => void;
}

interface Unclear {
  message: ScraperMessage;
  error: ScrapeHubError;
}

export function emptySummary(): AckSummary {
  return { acknowledged: [], alreadyAcknowledged: [], failed: [], cancelled: [], inFlight: [], unconfirmed: [], stillUnknown: [] };
}

export class Acknowledger {
  /** Message ids with a request in flight (or an unclear answer), per server origin. */
  private readonly pending = new Map<string, Set<string>>();
  /** The server's acknowledgedAt for messages it acknowledged, for Recently Acknowledged. */
  private readonly answeredAt = new WeakMap<ScraperMessage, string>();

  constructor(
    private readonly connection: ServerConnection,
    private readonly store: MessageStore,
    private readonly recent: RecentlyAcknowledged,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Acknowledges `messages`, which `server` listed; refused (nothing sent) if it is no longer the active one. */
  async acknowledge(server: ActiveServer, messages: readonly ScraperMessage[], options: AckOptions = {}): Promise<AckSummary> {
    if (!this.connection.isCurrent(server)) {
      throw new ScrapeHubError(
        'serverChanged',
        vscode.l10n.t(
          'These messages are from {0}, which is no longer the active ScrapeHub server or key, so nothing was acknowledged. Look at them again in the view.',
          server.label,
        ),
      );
    }
    const summary = emptySummary();
    const busy = this.pendingOn(server);
    const unique = [...new Map(messages.map((message) => [message.id, message])).values()];
    summary.inFlight = unique.filter((message) => busy.has(message.id));
    const queue = unique.filter((message) => !busy.has(message.id));
    queue.forEach((message) => busy.add(message.id));
    this.store.hide(queue.map((message) => message.id));
    const unclear: Unclear[] = [];
    await this.sendAll(server, queue, summary, unclear, options);
    const shownAgain = [...summary.failed.map((failure) => failure.message), ...summary.cancelled];
    // Unclear ones stay busy until a refresh settles them: asking again meanwhile could ack twice.
    this.release(busy, [...shownAgain, ...summary.acknowledged, ...summary.alreadyAcknowledged]);
    this.store.unhide(shownAgain.map((message) => message.id));
    this.recent.record(
      server,
      summary.acknowledged.map((message) => ({ message, acknowledgedAt: this.answeredAt.get(message) ?? new Date().toISOString() })),
    );
    if (unclear.length > 0) {
      await this.confirm(server, unclear, summary, busy);
    } else {
      void this.store.refresh();
    }
    return summary;
  }

  private async sendAll(
    server: ActiveServer,
    queue: ScraperMessage[],
    summary: AckSummary,
    unclear: Unclear[],
    options: AckOptions,
  ): Promise<void> {
    const total = queue.length;
    const attempts = new Map<ScraperMessage, number>();
    let pausedUntil = 0;
    let settled = 0;
    const worker = async () => {
      while (queue.length > 0) {
        if (options.token?.isCancellationRequested) {
          summary.cancelled.push(...queue.splice(0));
          return;
        }
        if (Date.now() < pausedUntil) {
          await cancellableDelay(Math.min(pausedUntil - Date.now(), MAX_ACK_PAUSE_MS), options.token);
          continue;
        }
        const message = queue.shift()!;
        const outcome = await ackOnce(server, message.id);
        const tries = (attempts.get(message) ?? 0) + 1;
        attempts.set(message, tries);
        if (outcome.kind === 'retryLater') {
          if (outcome.waitMs <= MAX_ACK_PAUSE_MS && tries < MAX_ATTEMPTS) {
            // The server refused it and said when to come back: it and the rest wait, none fails.
            pausedUntil = Math.max(pausedUntil, Date.now() + outcome.waitMs);
            queue.unshift(message);
            continue;
          }
          // Too long a wait, or refused again and again: the rest are not sent either.
          summary.failed.push(...queue.splice(0).map((unsent) => ({ message: unsent, error: outcome.error })));
        }
        this.file(message, outcome, summary, unclear);
        options.onProgress?.(++settled, total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, worker));
  }

  private file(message: ScraperMessage, outcome: AckOutcome, summary: AckSummary, unclear: Unclear[]): void {
    if (outcome.kind === 'acknowledged') {
      this.answeredAt.set(message, outcome.acknowledgedAt);
      summary.acknowledged.push(message);
    } else if (outcome.kind === 'alreadyAcknowledged') {
      summary.alreadyAcknowledged.push(message);
    } else if (outcome.kind === 'unknown') {
      unclear.push({ message, error: outcome.error });
    } else {
      summary.failed.push({ message, error: outcome.error });
    }
  }

  /** Settles unclear answers with the next refresh, or (if it fails) with a later one, within ACK_CHECK_LIMIT_MS. */
  private async confirm(server: ActiveServer, unclear: Unclear[], summary: AckSummary, busy: Set<string>): Promise<void> {
    const next = nextListing(this.store, this.connection, server, this.clock);
    const listing = await Promise.race([next.listing, this.store.refresh().then(() => 'waiting' as const)]);
    if (listing !== 'waiting') {
      this.settle(server, unclear, listing, summary, busy);
      return;
    }
    summary.unconfirmed = unclear.map((entry) => entry.message);
    summary.later = next.listing.then((later) => {
      const laterSummary = emptySummary();
      this.settle(server, unclear, later, laterSummary, busy);
      return laterSummary;
    });
  }

  private settle(
    server: ActiveServer,
    unclear: Unclear[],
    listing: ReadonlySet<string> | undefined,
    summary: AckSummary,
    busy: Set<string>,
  ): void {
    const confirmed: ScraperMessage[] = [];
    for (const { message, error } of unclear) {
      if (!listing) {
        summary.stillUnknown.push(message);
      } else if (listing.has(message.id)) {
        summary.failed.push({ message, error: notAcknowledged(error) });
      } else if (error.kind === 'notFound') {
        summary.alreadyAcknowledged.push(message);
      } else {
        confirmed.push(message);
      }
    }
    summary.acknowledged.push(...confirmed);
    this.release(
      busy,
      unclear.map((entry) => entry.message),
    );
    // Hidden ids are not per server: after a change they may belong to the new server's acks.
    const shownAgain = this.connection.isCurrent(server)
      ? [...summary.failed.map((failure) => failure.message), ...summary.stillUnknown]
      : [];
    this.store.unhide(shownAgain.map((message) => message.id));
    const now = new Date().toISOString();
    this.recent.record(
      server,
      confirmed.map((message) => ({ message, acknowledgedAt: now })),
    );
  }

  private pendingOn(server: ActiveServer): Set<string> {
    const origin = server.address.origin;
    const set = this.pending.get(origin) ?? new Set<string>();
    this.pending.set(origin, set);
    return set;
  }

  private release(busy: Set<string>, messages: readonly ScraperMessage[]): void {
    messages.forEach((message) => busy.delete(message.id));
  }
}

/** The error shown for an unclear answer when the server still lists the message afterwards. */
function notAcknowledged(error: ScrapeHubError): ScrapeHubError {
  return new ScrapeHubError(
    error.kind,
    vscode.l10n.t('The server did not acknowledge it: it still lists the message after answering "{0}".', error.message),
    {
      status: error.status,
      code: error.code,
      traceId: error.traceId,
      retryAfterMs: error.retryAfterMs,
      operation: error.operation,
    },
  );
}
