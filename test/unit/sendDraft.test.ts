import * as assert from 'node:assert/strict';
import { toSendRequest, validateCustomExpiry, validateScraperName } from '../../src/model/sendDraft';

const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('send draft validation', () => {
  it('accepts scraper names of 1 to 100 characters', () => {
    assert.equal(validateScraperName('a'), undefined);
    assert.equal(validateScraperName('x'.repeat(100)), undefined);
    assert.match(validateScraperName('x'.repeat(101))!, /at most 100/);
    assert.match(validateScraperName('   ')!, /Enter/);
  });

  it('accepts only future ISO 8601 date-times with a time zone', () => {
    assert.equal(validateCustomExpiry('2026-11-29T13:00:00Z', NOW), undefined);
    assert.equal(validateCustomExpiry('2026-11-29T14:00:00.5+01:00', NOW), undefined);
    assert.match(validateCustomExpiry('2026-11-29T11:00:00Z', NOW)!, /future/);
    assert.match(validateCustomExpiry('2026-11-29T13:00:00', NOW)!, /time zone/);
    assert.match(validateCustomExpiry('tomorrow', NOW)!, /ISO 8601/);
    assert.match(validateCustomExpiry('2026-13-45T99:00:00Z', NOW)!, /ISO 8601/);
  });

  it('builds the request, trimming and omitting empty optional fields', () => {
    const checked = toSendRequest({ scraperName: ' acme ', messageType: 'START', text: '  ', expiry: { kind: 'none' } }, NOW);
    assert.deepEqual(checked, { ok: true, request: { scraperName: 'acme', messageType: 'START' } });
  });

  it('computes relative expiry from the moment of sending', () => {
    const checked = toSendRequest(
      { scraperName: 'acme', messageType: 'KILL_REQUEST', text: 'stop', expiry: { kind: 'relative', minutes: 15 } },
      NOW,
    );
    assert.ok(checked.ok);
    assert.equal(checked.request.expiresAt, '2026-11-29T12:15:00.000Z');
    assert.equal(checked.request.message, 'stop');
  });

  it('normalises a custom expiry to UTC and refuses one that has passed meanwhile', () => {
    const draft = {
      scraperName: 'acme',
      messageType: 'START' as const,
      expiry: { kind: 'custom' as const, iso: '2026-11-29T13:30:00+01:00' },
    };
    const checked = toSendRequest(draft, NOW);
    assert.ok(checked.ok);
    assert.equal(checked.request.expiresAt, '2026-11-29T12:30:00.000Z');
    const later = toSendRequest(draft, Date.parse('2026-11-29T12:31:00Z'));
    assert.ok(!later.ok);
    assert.match(later.problem, /future/);
  });

  it('refuses a draft without a type or scraper', () => {
    assert.ok(!toSendRequest({ scraperName: 'acme' }, NOW).ok);
    assert.ok(!toSendRequest({ messageType: 'START' }, NOW).ok);
  });
});
