/**
 * Sends the acknowledgements of several messages a few at a time: quick, without flooding
 * the server. When the server refuses one and says when to come back (Retry-After), it and
 * the rest wait; a longer wait, or refusals again and again, fail the rest unsent.
 */
import type * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { AckSummary, UnclearAck } from '../model/ackSummary';
import { cancellableDelay } from '../util/cancellableDelay';
import { ackOnce, type AckOutcome } from './ackOutcome';
import type { ActiveServer } from './serverConnection';

const CONCURRENCY = 4;
/** A longer Retry-After fails the rest instead: nobody watches a progress bar for longer. */
const MAX_ACK_PAUSE_MS = 30_000;
/** Asking again after Retry-After, at most this often per message. */
const MAX_ATTEMPTS = 3;

export interface AckOptions {
  token?: vscode.CancellationToken;
  /** After each message whose answer is in. */
  onProgress?: (settled: number, total: number) => void;
}

export interface SentAcks {
  unclear: UnclearAck[];
  /** The server's acknowledgedAt for each message it acknowledged. */
  answeredAt: Map<ScraperMessage, string>;
}

/** Sends `queue` (emptied), filing clear answers into `summary`. */
export async function sendAcks(server: ActiveServer, queue: ScraperMessage[], summary: AckSummary, options: AckOptions): Promise<SentAcks> {
  const sent: SentAcks = { unclear: [], answeredAt: new Map() };
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
      file(message, outcome, summary, sent);
      options.onProgress?.(++settled, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, worker));
  return sent;
}

function file(message: ScraperMessage, outcome: AckOutcome, summary: AckSummary, sent: SentAcks): void {
  if (outcome.kind === 'acknowledged') {
    sent.answeredAt.set(message, outcome.acknowledgedAt);
    summary.acknowledged.push(message);
  } else if (outcome.kind === 'alreadyAcknowledged') {
    summary.alreadyAcknowledged.push(message);
  } else if (outcome.kind === 'unknown') {
    sent.unclear.push({ message, error: outcome.error });
  } else {
    summary.failed.push({ message, error: outcome.error });
  }
}
