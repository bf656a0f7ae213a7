/**
 * When the next automatic refresh should run. Pure, so the backoff rules are unit-tested:
 * the normal interval while things work; after failures, exponential backoff with jitter
 * up to a cap, so a struggling server (or a laptop on a train) is not hammered; never
 * sooner than the server's Retry-After. Every input is bounded: a setting (which a cloned
 * repository may set) or a header must never turn into a tight request loop.
 */
import * as l10n from '@vscode/l10n';

export const MAX_BACKOFF_MS = 10 * 60_000;
/** The schema's maximum for scrapehub.refreshIntervalSeconds, enforced here too. */
export const MAX_INTERVAL_MS = 60 * 60_000;
/** Any interval other than 0 (off) is at least this. */
export const MIN_INTERVAL_MS = 5_000;
/** A longer Retry-After is read as this: the user can still refresh by hand after it. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface PollDelayInput {
  intervalMs: number;
  /** Failed refreshes in a row; 0 after a success. */
  consecutiveFailures: number;
  /** From Retry-After on the last failure, if any. */
  retryAfterMs?: number;
  /** [0, 1); injected for tests. */
  random?: () => number;
}

/** 0 (off) stays 0; anything else lands between MIN_INTERVAL_MS and MAX_INTERVAL_MS. */
export function boundedInterval(intervalMs: number): number {
  if (intervalMs === 0) {
    return 0;
  }
  return Number.isNaN(intervalMs) ? MIN_INTERVAL_MS : Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, intervalMs));
}

export function boundedRetryAfter(retryAfterMs: number | undefined): number {
  return retryAfterMs === undefined || !(retryAfterMs > 0) ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
}

export function nextPollDelay({
  intervalMs: rawInterval,
  consecutiveFailures,
  retryAfterMs,
  random = Math.random,
}: PollDelayInput): number {
  const intervalMs = boundedInterval(rawInterval);
  let delay = intervalMs;
  if (consecutiveFailures > 0) {
    const exponential = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(consecutiveFailures, 20));
    // "Equal jitter": at least half the backoff, so windows that failed together spread out.
    delay = Math.max(intervalMs, exponential / 2 + random() * (exponential / 2));
  }
  return Math.max(delay, boundedRetryAfter(retryAfterMs));
}

/** "in 45 s" / "in 3 min" for telling the user when the next try is. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 90 ? l10n.t('in {0} s', seconds) : l10n.t('in {0} min', Math.round(seconds / 60));
}
