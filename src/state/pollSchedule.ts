/**
 * When the next automatic refresh should run. Pure, so the backoff rules are unit-tested:
 * the normal interval while things work; after failures, exponential backoff with jitter
 * up to a cap, so a struggling server (or a laptop on a train) is not hammered; never
 * sooner than the server's Retry-After.
 */
import * as l10n from '@vscode/l10n';

export const MAX_BACKOFF_MS = 10 * 60_000;

export interface PollDelayInput {
  intervalMs: number;
  /** Failed refreshes in a row; 0 after a success. */
  consecutiveFailures: number;
  /** From Retry-After on the last failure, if any. */
  retryAfterMs?: number;
  /** [0, 1); injected for tests. */
  random?: () => number;
}

export function nextPollDelay({ intervalMs, consecutiveFailures, retryAfterMs, random = Math.random }: PollDelayInput): number {
  let delay = intervalMs;
  if (consecutiveFailures > 0) {
    const exponential = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(consecutiveFailures, 20));
    // "Equal jitter": at least half the backoff, so windows that failed together spread out.
    delay = Math.max(intervalMs, exponential / 2 + random() * (exponential / 2));
  }
  return Math.max(delay, retryAfterMs ?? 0);
}

/** "in 45 s" / "in 3 min" for telling the user when the next try is. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 90 ? l10n.t('in {0} s', seconds) : l10n.t('in {0} min', Math.round(seconds / 60));
}
