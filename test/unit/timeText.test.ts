import * as assert from 'node:assert/strict';
import { formatAge, formatExpiresIn } from '../../src/model/timeText';

const NOW = 1_800_000_000_000;

describe('relative times', () => {
  it('formats ages from seconds to days', () => {
    assert.equal(formatAge(NOW - 10_000, NOW), 'just now');
    assert.equal(formatAge(NOW - 5 * 60_000, NOW), '5 min ago');
    assert.equal(formatAge(NOW - 3 * 3_600_000, NOW), '3 h ago');
    assert.equal(formatAge(NOW - 3 * 86_400_000, NOW), '3 d ago');
  });

  it('treats a creation time slightly in the future (clock skew) as just now', () => {
    assert.equal(formatAge(NOW + 20_000, NOW), 'just now');
  });

  it('says when an unreadable date has no age', () => {
    assert.equal(formatAge(undefined, NOW), 'unknown age');
  });

  it('formats time left until expiry', () => {
    assert.equal(formatExpiresIn(NOW + 15 * 60_000, NOW), 'expires in 15 min');
    assert.equal(formatExpiresIn(NOW + 24 * 3_600_000, NOW), 'expires in 24 h');
    assert.equal(formatExpiresIn(NOW - 1, NOW), 'expired');
  });
});
