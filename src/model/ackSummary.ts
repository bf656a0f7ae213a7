/**
 * What an acknowledgement of several messages came to, and how the server's next list
 * settles the ones whose answer was unclear.
 */
import * as l10n from '@vscode/l10n';
import { ScrapeHubError } from '../api/errors';
import type { ScraperMessage } from '../api/types';

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

/** A message whose answer left the outcome unknown, with that answer. */
export type UnclearAck = AckFailure;

export function emptySummary(): AckSummary {
  return { acknowledged: [], alreadyAcknowledged: [], failed: [], cancelled: [], inFlight: [], unconfirmed: [], stillUnknown: [] };
}

/**
 * Files unclear answers into `summary` by the ids the server listed next (undefined: no
 * list came): still listed is not acknowledged, gone is. Returns the ones now known acknowledged.
 */
export function settleUnclear(
  unclear: readonly UnclearAck[],
  listing: ReadonlySet<string> | undefined,
  summary: AckSummary,
): ScraperMessage[] {
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
  return confirmed;
}

/** The error shown for an unclear answer when the server still lists the message afterwards. */
function notAcknowledged(error: ScrapeHubError): ScrapeHubError {
  return new ScrapeHubError(
    error.kind,
    l10n.t('The server did not acknowledge it: it still lists the message after answering "{0}".', error.message),
    {
      status: error.status,
      code: error.code,
      traceId: error.traceId,
      retryAfterMs: error.retryAfterMs,
      operation: error.operation,
    },
  );
}
