import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScraperMessage } from '../../src/api/types';
import { compareTimestamps, groupMessagesAndExpiry, isExpired } from '../../src/model/messageGroups';
import { EarliestInstant, instantOf, orderingKeyOf, parseDateTime } from '../../src/model/timestamps';

const groupMessages = (...args: Parameters<typeof groupMessagesAndExpiry>) => groupMessagesAndExpiry(...args).groups;

const NOON = Date.parse('2026-11-29T12:00:00.000Z');

function message(id: string, fields: Partial<ScraperMessage>): ScraperMessage {
  return { id, scraperId: 's', scraperName: 'a', messageType: 'START', createdAt: '2026-11-29T11:00:00.000Z', ...fields };
}

describe('ISO 8601 date-times', () => {
  it('reads every valid form of the same instant alike', () => {
    const forms = [
      '2026-11-29T12:00:00.000Z',
      '2026-11-29T12:00:00Z',
      '2026-11-29T12:00Z',
      '2026-11-29T12Z',
      '2026-11-29t12:00:00z',
      '2026-11-29 12:00:00Z',
      '20261129T120000Z',
      '20261129T1200Z',
      '20261129T120000.000Z',
      '2026-11-29T13:00:00+01',
      '2026-11-29T13:00:00+0100',
      '2026-11-29T13:00:00+01:00',
      '2026-11-29T06:30:00-05:30',
      '2026-11-29T06:30:00\u221205:30',
      '20261129T133000+0130',
      '2026-11-29T12:00:00,000000Z',
      '2026-11-29T12:00:00.000000000+00:00',
      '2026-11-28T24:00:00-12:00',
    ];
    for (const form of forms) {
      assert.equal(instantOf(form), NOON, form);
    }
  });

  it('reads fractional seconds after a dot or a comma, to the millisecond', () => {
    assert.equal(instantOf('2026-11-29T12:00:00.5Z'), NOON + 500);
    assert.equal(instantOf('2026-11-29T12:00:00,25Z'), NOON + 250);
    assert.equal(instantOf('20261129T120000,1239Z'), NOON + 123);
  });

  it('refuses what is not a valid date-time', () => {
    const invalid = [
      '',
      'soon',
      '2026-11-29',
      '2026-11-29T',
      '2026-13-01T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00.000Z',
      '2026-11-29T25:00:00Z',
      '2026-11-29T24:00:01Z',
      '2026-11-29T12:60:00Z',
      '2026-11-29T12:00:60Z',
      '2026-11-29T12:00:00+24:00',
      '2026-11-29T12:00:00+01:60',
      '2026-11-29T12:00:00+1',
      '2026-11-29T12:00:00 Z',
      '2026-11-29T12:00:00ZZ',
      '2026-1-29T12:00:00Z',
      '2026-11-29T12:00:00.Z',
      '2026-11-29T12:0:00Z',
      '2026-00-10T00:00:00.000Z',
      '2026-1a-01T00:00:00.000Z',
      '2026-11-29T12:00:00.000Y',
      ' 2026-11-29T12:00:00Z',
      '２０２６-11-29T12:00:00Z',
    ];
    for (const text of invalid) {
      assert.equal(parseDateTime(text), undefined, text);
    }
    assert.equal(instantOf('2024-02-29T00:00:00.000Z'), Date.parse('2024-02-29T00:00:00.000Z'), 'a leap day is valid');
  });

  it('gives no instant for a time without offset, but orders it as if UTC', () => {
    for (const text of ['2026-11-29T12:00:00', '2026-11-29T12:00:00.000', '20261129T120000', '2026-11-29T12']) {
      assert.equal(instantOf(text), undefined, text);
      assert.deepEqual(parseDateTime(text), { ms: NOON, zoned: false }, text);
      assert.equal(orderingKeyOf(text), NOON, text);
    }
  });

  it('reads canonical text (the fast path) exactly as Date.parse does', () => {
    const instants = fc.integer({ min: Date.parse('1000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59.999Z') });
    fc.assert(
      fc.property(instants, (ms) => instantOf(new Date(ms).toISOString()) === ms),
      { numRuns: 2_000 },
    );
  });

  it('reads any offset form as Date.parse reads the same instant', () => {
    const offsets = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    const instants = fc.integer({ min: Date.parse('1970-01-02T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') });
    fc.assert(
      fc.property(instants, offsets, fc.boolean(), (ms, offset, basic) => {
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        const text = basic ? `${local.replace(/[-:]/g, '')}${sign}${hh}${mm}` : `${local}${sign}${hh}:${mm}`;
        return instantOf(text) === ms;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('expiry never hides a message on a time-zone guess', () => {
  it('expires a message whose expiry names an instant at or before now, in any form', () => {
    assert.equal(isExpired(message('m', { expiresAt: '2026-11-29T12:00:00.000Z' }), NOON), true);
    assert.equal(isExpired(message('m', { expiresAt: '20261129T125959+0100' }), NOON), true);
    assert.equal(isExpired(message('m', { expiresAt: '2026-11-29T12:00:00,001Z' }), NOON), false);
  });

  it('never expires one whose expiry has no offset, however long ago it reads', () => {
    for (const expiresAt of ['2026-11-29T11:00:00', '2020-01-01T00:00:00.000', '19700101T000000']) {
      assert.equal(isExpired(message('m', { expiresAt }), NOON), false, expiresAt);
      assert.equal(groupMessages([message('m', { expiresAt })], [], NOON)[0]?.messages.length, 1, expiresAt);
    }
  });

  it('never expires one whose canonical-looking expiry is not a real date', () => {
    for (const expiresAt of ['0000-00-00T00:00:00.000Z', '2026-02-30T00:00:00.000Z', '2026-11-29T99:00:00.000Z']) {
      assert.equal(isExpired(message('m', { expiresAt }), NOON), false, expiresAt);
    }
  });

  it('sets the expiry timer only for expiries that name an instant', () => {
    const grouping = groupMessagesAndExpiry(
      [
        message('a', { expiresAt: '2026-11-29T12:01:00' }),
        message('b', { expiresAt: '2026-11-29T12:00:30.000+00:00' }),
        message('c', { expiresAt: '2026-11-29T12:05:00.000Z' }),
      ],
      [],
      NOON,
    );
    assert.equal(grouping.nextExpiry, NOON + 30_000);
    assert.equal(groupMessagesAndExpiry([message('a', { expiresAt: '2026-11-29T12:01:00' })], [], NOON).nextExpiry, undefined);
  });

  it('finds the next expiry past a canonical-looking one that is not a real date', () => {
    const earliest = new EarliestInstant();
    for (const text of [
      '2026-11-29T12:09:00.000Z',
      '2026-11-29T12:00:0a.000Z',
      '2026-11-29T12:03:00.000Z',
      '2026-02-30T00:00:00.000Z',
      undefined,
      'never',
    ]) {
      earliest.add(text);
    }
    assert.equal(earliest.earliest(), NOON + 3 * 60_000);
    assert.equal(new EarliestInstant().earliest(), undefined);
  });
});

describe('sorting mixed forms', () => {
  it('orders canonical text, offsets, basic format and times without offset by the time they name', () => {
    const texts = ['2026-11-29T12:00:00.000Z', '20261129T113000Z', '2026-11-29T13:45:00+01:00', '2026-11-29T12:10:00', 'garbage'];
    const sorted = [...texts].sort((a, b) => compareTimestamps(a, b, Number.NEGATIVE_INFINITY));
    assert.deepEqual(sorted, [
      'garbage',
      '20261129T113000Z',
      '2026-11-29T12:00:00.000Z',
      '2026-11-29T12:10:00',
      '2026-11-29T13:45:00+01:00',
    ]);
  });

  it('sorts a group newest first when creation times have no offset', () => {
    const messages = [
      message('x1', { createdAt: '2026-11-29T09:00:00' }),
      message('x2', { createdAt: '2026-11-29T11:00:00' }),
      message('x3', { createdAt: '2026-11-29T10:00:00' }),
    ];
    assert.deepEqual(
      groupMessages(messages, [], NOON)[0].messages.map((m) => m.id),
      ['x2', 'x3', 'x1'],
    );
  });
});
