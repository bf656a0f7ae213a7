/**
 * Acknowledges messages optimistically: they leave the view at once and come back if the
 * server refuses. A message someone else already acknowledged counts as done, not failed.
 */
import * as vscode from 'vscode';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { ScraperMessage } from '../api/types';
import type { RecentAck } from '../model/recentAcknowledgements';
import type { MessageStore } from './messageStore';
import type { RecentlyAcknowledged } from './recentlyAcknowledged';
import type { ServerConnection } from './serverConnection';

/** Bulk acknowledgements run a few at a time: quick, without flooding the server. */
const CONCURRENCY = 4;

export interface AckFailure {
  message: ScraperMessage;
  error: ScrapeHubError;
}

export interface AckSummary {
  acknowledged: ScraperMessage[];
  /** Already acknowledged elsewhere (or gone): the goal is met all the same. */
  alreadyAcknowledged: ScraperMessage[];
  failed: AckFailure[];
}

export class Acknowledger {
  constructor(
    private readonly connection: ServerConnection,
    private readonly store: MessageStore,
    private readonly recent: RecentlyAcknowledged,
  ) {}

  async acknowledge(messages: ScraperMessage[]): Promise<AckSummary> {
    const server = this.connection.active;
    if (!server) {
      throw new ScrapeHubError('notConfigured', vscode.l10n.t('No ScrapeHub server is configured.'));
    }
    const unique = [...new Map(messages.map((message) => [message.id, message])).values()];
    this.store.hide(unique.map((message) => message.id));
    const summary: AckSummary = { acknowledged: [], alreadyAcknowledged: [], failed: [] };
    // Only what this user's request acknowledged: not refusals, nor messages someone else acknowledged first.
    const confirmed: RecentAck[] = [];
    let next = 0;
    const worker = async () => {
      while (next < unique.length) {
        const message = unique[next++];
        try {
          const result = await server.client.ackMessage(message.id);
          summary.acknowledged.push(message);
          confirmed.push({ message, acknowledgedAt: result.acknowledgedAt });
        } catch (error) {
          const failure = isScrapeHubError(error) ? error : new ScrapeHubError('server', String(error));
          if (failure.kind === 'conflict' || failure.kind === 'notFound') {
            summary.alreadyAcknowledged.push(message);
          } else {
            summary.failed.push({ message, error: failure });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
    this.store.unhide(summary.failed.map((failure) => failure.message.id));
    if (server === this.connection.active) {
      this.recent.record(confirmed);
    }
    void this.store.refresh();
    return summary;
  }
}
