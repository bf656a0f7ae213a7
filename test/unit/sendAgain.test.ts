import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { MIN_REMAINING_MS, planSendAgain } from '../../src/model/sendAgain';
import { toSendRequest } from '../../src/model/sendDraft';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const MINUTE = 60_000;

function message(extra: Partial<ScraperMessage> = {}): ScraperMessage {
  return {
    id: 'm-1',
    scraperId: 's-1',
    scraperName: 'acme-prices',
    messageType: 'KILL_REQUEST',
    message: 'stop: site maintenance',
    createdAt: new Date(NOW - 10 * MINUTE).toISOString(),
    ...extra,
  };
}

describe('planSendAgain', () => {
  it('pre-fills scraper, type and text, and opens at the text step', () => {
    const plan = planSendAgain(message(), NOW);
    assert.deepEqual(
      { ...plan.draft, expiry: undefined },
      { scraperName: 'acme-prices', messageType: 'KILL_REQUEST', text: 'stop: site maintenance', expiry: undefined },
    );
    assert.equal(plan.startAt, 'text');
  });

  it('keeps "never expires" for a message without expiry', () => {
    const plan = planSendAgain(message(), NOW);
    assert.deepEqual(plan.draft.expiry, { kind: 'none' });
    assert.equal(plan.expiryPassed, false);
    assert.equal(plan.sameMoment, undefined);
  });

  it('offers the same moment first while the original expiry is still ahead, and the same duration too', () => {
    const expiresAt = new Date(NOW + 50 * MINUTE).toISOString();
    const plan = planSendAgain(message({ expiresAt }), NOW);
    assert.deepEqual(plan.draft.expiry, { kind: 'custom', iso: expiresAt });
    assert.equal(plan.sameMoment?.expiresAt, Date.parse(expiresAt));
    assert.deepEqual(plan.sameDuration?.choice, { kind: 'relative', minutes: 60 });
    const request = toSendRequest(plan.draft, NOW);
    assert.ok(request.ok);
    assert.equal(request.request.expiresAt, expiresAt);
  });

  it('never pre-selects an expiry that has passed: the same duration is proposed and the user is told', () => {
    const plan = planSendAgain(
      message({ createdAt: new Date(NOW - 90 * MINUTE).toISOString(), expiresAt: new Date(NOW - 30 * MINUTE).toISOString() }),
      NOW,
    );
    assert.equal(plan.expiryPassed, true);
    assert.equal(plan.sameMoment, undefined);
    assert.deepEqual(plan.draft.expiry, { kind: 'relative', minutes: 60 });
    const request = toSendRequest(plan.draft, NOW);
    assert.ok(request.ok);
    assert.equal(request.request.expiresAt, new Date(NOW + 60 * MINUTE).toISOString(), 'counted from sending');
  });

  it('treats an expiry less than a minute ahead as passed (it would lapse while confirming)', () => {
    const plan = planSendAgain(message({ expiresAt: new Date(NOW + MIN_REMAINING_MS - 1).toISOString() }), NOW);
    assert.equal(plan.expiryPassed, true);
    assert.equal(plan.sameMoment, undefined);
  });

  it('asks for an expiry when the original one is unreadable', () => {
    const plan = planSendAgain(message({ expiresAt: 'tomorrow' }), NOW);
    assert.equal(plan.expiryPassed, true);
    assert.equal(plan.draft.expiry, undefined);
    assert.equal(plan.sameDuration, undefined);
  });

  it('opens at the type step for a type this version cannot send', () => {
    const plan = planSendAgain(message({ messageType: 'PAUSE' }), NOW);
    assert.equal(plan.draft.messageType, undefined);
    assert.equal(plan.startAt, 'type');
  });
});
