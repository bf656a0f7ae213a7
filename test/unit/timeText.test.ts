import * as assert from 'node:assert/strict';
import {
  formatAge,
  formatAgeOf,
  formatExpiresIn,
  formatExpiryOf,
  spokenAgeOf,
  spokenDuration,
  spokenExpiryOf,
} from '../../src/model/timeText';

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

  it('spells durations out in words for screen readers', () => {
    assert.equal(spokenDuration(20_000), 'less than a minute');
    assert.equal(spokenDuration(-5_000), 'less than a minute');
    assert.equal(spokenDuration(60_000), '1 minute');
    assert.equal(spokenDuration(5 * 60_000), '5 minutes');
    assert.equal(spokenDuration(3_600_000), '1 hour');
    assert.equal(spokenDuration(30 * 3_600_000), '30 hours');
    assert.equal(spokenDuration(3 * 86_400_000), '3 days');
  });

  it('formats time left until expiry', () => {
    assert.equal(formatExpiresIn(NOW + 15 * 60_000, NOW), 'expires in 15 min');
    assert.equal(formatExpiresIn(NOW + 24 * 3_600_000, NOW), 'expires in 24 h');
    assert.equal(formatExpiresIn(NOW - 1, NOW), 'expired');
  });

  it('reads a server timestamp in any ISO 8601 form for its age', () => {
    const created = new Date(NOW - 5 * 60_000);
    assert.equal(formatAgeOf(created.toISOString(), NOW), '5 min ago');
    assert.equal(formatAgeOf(created.toISOString().replace(/[-:]/g, '').replace('.000Z', '+0000'), NOW), '5 min ago');
    assert.equal(formatAgeOf('soon', NOW), 'unknown age');
    assert.equal(formatAgeOf(undefined, NOW), 'unknown age');
  });

  it('shows a time without offset as the server wrote it, never a guessed age or countdown', () => {
    assert.equal(formatAgeOf('2026-11-29T12:00:00', NOW), '2026-11-29T12:00:00 (time zone not given)');
    assert.equal(formatExpiryOf('2026-11-29T12:00:00', NOW), 'expires 2026-11-29T12:00:00 (time zone not given)');
  });

  it('counts down to an expiry that names an instant, and has no text for an unreadable one', () => {
    assert.equal(formatExpiryOf(new Date(NOW + 15 * 60_000).toISOString().replace('Z', '+00:00'), NOW), 'expires in 15 min');
    assert.equal(formatExpiryOf(new Date(NOW - 1).toISOString(), NOW), 'expired');
    assert.equal(formatExpiryOf('never', NOW), undefined);
  });

  it('speaks ages and expiries in words; only an absent expiry "never expires"', () => {
    assert.equal(spokenAgeOf(new Date(NOW - 5 * 60_000).toISOString(), NOW), '5 minutes old');
    assert.equal(spokenAgeOf('2026-11-29T12:00:00', NOW), 'created 2026-11-29T12:00:00 (time zone not given)');
    assert.equal(spokenAgeOf('soon', NOW), 'age unknown');
    assert.equal(spokenExpiryOf(undefined, NOW), 'never expires');
    assert.equal(spokenExpiryOf('2026-11-29T12:00:00', NOW), 'expires 2026-11-29T12:00:00 (time zone not given)');
    assert.equal(spokenExpiryOf('never', NOW), 'expiry unreadable');
    assert.equal(spokenExpiryOf(new Date(NOW + 2 * 3_600_000).toISOString(), NOW), 'expires in 2 hours');
    assert.equal(spokenExpiryOf(new Date(NOW - 1).toISOString(), NOW), 'expired');
  });
});
