/**
 * Time as a dependency: polling, backoff and expiry read the time and set timers through a
 * Clock, so their tests drive time by hand instead of sleeping. Every delay goes through
 * boundedDelay: Node fires a timer above 2^31−1 ms after 1 ms, which would turn a huge
 * interval or Retry-After into a tight loop.
 */

/** The longest delay Node's timers honour (about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Whatever the clock's setTimeout returned; only given back to its clearTimeout. */
export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  /** Calls `callback` after `delayMs` (bounded by boundedDelay). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** A delay Node's timers honour: not negative, not NaN, at most MAX_TIMER_DELAY_MS. */
export function boundedDelay(delayMs: number): number {
  if (Number.isNaN(delayMs) || delayMs <= 0) {
    return 0;
  }
  return Math.min(delayMs, MAX_TIMER_DELAY_MS);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, boundedDelay(delayMs)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};
