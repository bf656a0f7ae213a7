import * as assert from 'node:assert/strict';
import { refreshIntervalMs } from '../../src/model/refreshInterval';

describe('automatic refresh interval (scrapehub.refreshIntervalSeconds)', () => {
  it('counts 1 to 4 seconds (and any fraction above 0) as 5', () => {
    for (const seconds of [0.001, 0.5, 1, 2, 3, 4, 4.999]) {
      assert.equal(refreshIntervalMs(seconds), 5_000, String(seconds));
    }
  });

  it('keeps 5 seconds and more as they are', () => {
    assert.equal(refreshIntervalMs(5), 5_000);
    assert.equal(refreshIntervalMs(5.5), 5_500);
    assert.equal(refreshIntervalMs(30), 30_000);
    assert.equal(refreshIntervalMs(3600), 3_600_000);
    assert.equal(refreshIntervalMs(1e12), 3_600_000, 'a huge value is the maximum, not a timer overflow');
  });

  it('turns automatic refresh off at 0', () => {
    assert.equal(refreshIntervalMs(0), 0);
  });

  it('falls back to the default 30 s for a value that is not a non-negative number', () => {
    for (const value of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '10', null, undefined, {}]) {
      assert.equal(refreshIntervalMs(value), 30_000, JSON.stringify(value) ?? 'undefined');
    }
  });
});
