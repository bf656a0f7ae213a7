import * as assert from 'node:assert/strict';
import { MAX_BACKOFF_MS, describeWait, nextPollDelay } from '../../src/state/pollSchedule';

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
