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
import { emptySummary, settleUnclear, type AckSummary, type UnclearAck } from '../model/ackSummary';
import { systemClock, type Clock } from '../util/clock';
import { nextListing } from './ackOutcome';
import { sendAcks, type AckOptions } from './ackSending';
import type { MessageStore } from './messageStore';
import type { RecentlyAcknowledged } from './recentlyAcknowledged';
import type { ActiveServer, ServerConnection } from './serverConnection';

export class Acknowledger {
  /** Message ids with a request in flight (or an unclear answer), per server origin. */
  private readonly pending = new Map<string, Set<string>>();

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
    const { unclear, answeredAt } = await sendAcks(server, queue, summary, options);
    const shownAgain = [...summary.failed.map((failure) => failure.message), ...summary.cancelled];
    // Unclear ones stay busy until a refresh settles them: asking again meanwhile could ack twice.
    this.release(busy, [...shownAgain, ...summary.acknowledged, ...summary.alreadyAcknowledged]);
    this.store.unhide(shownAgain.map((message) => message.id));
    this.recent.record(
      server,
      summary.acknowledged.map((message) => ({ message, acknowledgedAt: answeredAt.get(message) ?? new Date().toISOString() })),
    );
    if (unclear.length > 0) {
      await this.confirm(server, unclear, summary, busy);
    } else {
      void this.store.refresh();
    }
    return summary;
  }

  /** Settles unclear answers with the next refresh, or (if it fails) with a later one, within ACK_CHECK_LIMIT_MS. */
  private async confirm(server: ActiveServer, unclear: UnclearAck[], summary: AckSummary, busy: Set<string>): Promise<void> {
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
    unclear: UnclearAck[],
    listing: ReadonlySet<string> | undefined,
    summary: AckSummary,
    busy: Set<string>,
  ): void {
    const confirmed = settleUnclear(unclear, listing, summary);
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
