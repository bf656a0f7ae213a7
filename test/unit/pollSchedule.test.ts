import * as assert from 'node:assert/strict';
import {
  MAX_BACKOFF_MS,
  MAX_INTERVAL_MS,
  MAX_RETRY_AFTER_MS,
  MIN_INTERVAL_MS,
  boundedInterval,
  boundedRetryAfter,
  describeWait,
  nextPollDelay,
} from '../../src/state/pollSchedule';
import { MAX_TIMER_DELAY_MS, boundedDelay } from '../../src/util/clock';

const INTERVAL = 30_000;

describe('poll schedule', () => {
  it('uses the interval while refreshes succeed', () => {
    assert.equal(nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: 0, random: () => 0.5 }), INTERVAL);
  });

  it('backs off exponentially after failures, with jitter between half and the full backoff', () => {
    const low = (failures: number) => nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: failures, random: () => 0 });
    const high = (failures: number) => nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: failures, random: () => 0.999999 });
    assert.equal(low(1), INTERVAL); // half of 2×interval, never below the interval
    assert.equal(Math.round(high(1)), 2 * INTERVAL);
    assert.equal(low(3), 4 * INTERVAL);
    assert.equal(Math.round(high(3)), 8 * INTERVAL);
    assert.ok(high(3) > high(2) && high(2) > high(1));
  });

  it('caps the backoff', () => {
    for (const failures of [10, 50, 1000]) {
      const delay = nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: failures, random: () => 0.999999 });
      assert.ok(delay <= MAX_BACKOFF_MS && delay >= MAX_BACKOFF_MS / 2, String(delay));
    }
  });

  it('spreads windows that failed together (different random draws give different delays)', () => {
    const delays = new Set([0.1, 0.4, 0.7].map((r) => nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: 4, random: () => r })));
    assert.equal(delays.size, 3);
  });

  it('never polls before Retry-After', () => {
    assert.equal(nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: 1, retryAfterMs: 300_000, random: () => 0 }), 300_000);
    assert.equal(nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: 0, retryAfterMs: 5_000 }), INTERVAL);
  });

  it('describes waits for people', () => {
    assert.equal(describeWait(44_100), 'in 45 s');
    assert.equal(describeWait(180_000), 'in 3 min');
  });
});

describe('bounds on every delay', () => {
  it('keeps any non-zero interval between 5 s and 1 h, and 0 as off', () => {
    assert.equal(boundedInterval(0), 0);
    assert.equal(boundedInterval(1), MIN_INTERVAL_MS);
    assert.equal(boundedInterval(Number.NaN), MIN_INTERVAL_MS);
    assert.equal(boundedInterval(12_000), 12_000);
    assert.equal(boundedInterval(1e12), MAX_INTERVAL_MS);
    assert.equal(boundedInterval(Number.POSITIVE_INFINITY), MAX_INTERVAL_MS);
  });

  it('caps Retry-After at an hour, and ignores a negative or absent one', () => {
    assert.equal(boundedRetryAfter(undefined), 0);
    assert.equal(boundedRetryAfter(-5), 0);
    assert.equal(boundedRetryAfter(90_000), 90_000);
    assert.equal(boundedRetryAfter(1e15), MAX_RETRY_AFTER_MS);
    assert.equal(nextPollDelay({ intervalMs: INTERVAL, consecutiveFailures: 0, retryAfterMs: 1e15 }), MAX_RETRY_AFTER_MS);
  });

  it('bounds the interval inside nextPollDelay too', () => {
    assert.equal(nextPollDelay({ intervalMs: 1e12, consecutiveFailures: 3, random: () => 0.5 }), MAX_INTERVAL_MS);
    assert.equal(nextPollDelay({ intervalMs: 0.001, consecutiveFailures: 0 }), MIN_INTERVAL_MS);
  });

  it('gives timers only delays Node honours (above 2^31−1 ms Node fires after 1 ms)', () => {
    assert.equal(boundedDelay(2 ** 40), MAX_TIMER_DELAY_MS);
    assert.equal(boundedDelay(-1), 0);
    assert.equal(boundedDelay(Number.NaN), 0);
    assert.equal(boundedDelay(1_500), 1_500);
  });
});
