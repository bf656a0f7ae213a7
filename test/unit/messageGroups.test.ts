import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { compareTimestamps, countMessages, groupMessagesAndExpiry, isExpired } from '../../src/model/messageGroups';

const groupMessages = (...args: Parameters<typeof groupMessagesAndExpiry>) => groupMessagesAndExpiry(...args).groups;

const NOW = Date.parse('2026-11-29T12:00:00Z');
let counter = 0;

function message(scraperName: string, minutesAgo: number, extra: Partial<ScraperMessage> = {}): ScraperMessage {
  counter += 1;
  return {
    id: `m-${counter}`,
    scraperId: `s-${scraperName}`,
    scraperName,
    messageType: 'START',
    createdAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    ...extra,
  };
}

describe('groupMessages', () => {
  it('groups by scraper, sorted by name case-insensitively and numerically', () => {
    const groups = groupMessages(
      [message('b-scraper', 1), message('A-scraper', 2), message('scraper-10', 3), message('scraper-9', 4)],
      [],
      NOW,
    );
    assert.deepEqual(
      groups.map((group) => group.name),
      ['A-scraper', 'b-scraper', 'scraper-9', 'scraper-10'],
    );
  });

  it("lists each scraper's messages newest first, unreadable dates last", () => {
    const old = message('acme', 60);
    const fresh = message('acme', 1);
    const broken = message('acme', 0, { createdAt: 'not a date' });
    const [group] = groupMessages([old, broken, fresh], [], NOW);
    assert.deepEqual(
      group.messages.map((m) => m.id),
      [fresh.id, old.id, broken.id],
    );
  });

  it('includes assigned scrapers without messages, and marks assignment', () => {
    const groups = groupMessages([message('acme', 1)], ['weather', 'acme'], NOW);
    assert.deepEqual(
      groups.map((g) => [g.name, g.messages.length, g.assigned]),
      [
        ['acme', 1, true],
        ['weather', 0, true],
      ],
    );
    assert.equal(groupMessages([message('other', 1)], [], NOW)[0].assigned, false);
  });

  it('drops messages that have already expired', () => {
    const live = message('acme', 5, { expiresAt: new Date(NOW + 60_000).toISOString() });
    const dead = message('acme', 5, { expiresAt: new Date(NOW - 1).toISOString() });
    const [group] = groupMessages([live, dead], [], NOW);
    assert.deepEqual(
      group.messages.map((m) => m.id),
      [live.id],
    );
  });

  it('drops a scraper that only had expired messages and no assignment', () => {
    const dead = message('gone', 5, { expiresAt: new Date(NOW - 1000).toISOString() });
    assert.deepEqual(groupMessages([dead], [], NOW), []);
  });

  it('keeps unknown message types', () => {
    const [group] = groupMessages([message('acme', 1, { messageType: 'PAUSE' })], [], NOW);
    assert.equal(group.messages[0].messageType, 'PAUSE');
  });

  it('counts messages across groups', () => {
    assert.equal(countMessages(groupMessages([message('a', 1), message('b', 1), message('a', 2)], ['c'], NOW)), 3);
  });
});

describe('expiry', () => {
  it('treats a message without expiresAt or with an unreadable one as never expiring', () => {
    assert.equal(isExpired(message('a', 1), NOW), false);
    assert.equal(isExpired(message('a', 1, { expiresAt: 'soon' }), NOW), false);
  });

  it('expires exactly at expiresAt, in any ISO 8601 offset', () => {
    assert.equal(isExpired(message('a', 1, { expiresAt: '2026-11-29T12:00:00Z' }), NOW), true);
    assert.equal(isExpired(message('a', 1, { expiresAt: '2026-11-29T13:00:00.001+01:00' }), NOW), false);
  });

  it('finds the next future expiry', () => {
    const soon = new Date(NOW + 60_000).toISOString();
    const later = new Date(NOW + 120_000).toISOString();
    const messages = [message('a', 1, { expiresAt: later }), message('a', 1, { expiresAt: soon }), message('a', 1)];
    assert.equal(groupMessagesAndExpiry(messages, [], NOW).nextExpiry, NOW + 60_000);
    assert.equal(groupMessagesAndExpiry([message('a', 1)], [], NOW).nextExpiry, undefined);
  });
});

describe('timestamps in any ISO 8601 form', () => {
  const instant = '2026-11-29T12:00:00.000Z';

  it('compares canonical UTC text, offsets and short forms by the instant they name', () => {
    assert.equal(compareTimestamps(instant, '2026-11-29T13:00:00+01:00', 0), 0);
    assert.equal(compareTimestamps('2026-11-29T11:59:59.999Z', instant, 0), -1);
    assert.equal(compareTimestamps('2026-11-29T12:30:00+01:00', instant, 0), -1, 'an earlier instant written with a later clock time');
    assert.equal(compareTimestamps(instant, '2026-11-29T11:00:00.000-02:00', 0), -1);
    assert.equal(compareTimestamps(undefined, instant, Number.POSITIVE_INFINITY), 1);
    assert.equal(compareTimestamps('not a date', instant, Number.NEGATIVE_INFINITY), -1);
  });

  it('sorts a group newest first whatever the mix of forms', () => {
    const mixed = [
      message('a', 0, { id: 'x1', createdAt: '2026-11-29T11:00:00.000Z' }),
      message('a', 0, { id: 'x2', createdAt: '2026-11-29T12:30:00+01:00' }),
      message('a', 0, { id: 'x3', createdAt: '2026-11-29T11:45:00.000Z' }),
    ];
    assert.deepEqual(
      groupMessages(mixed, [], NOW)[0].messages.map((m) => m.id),
      ['x3', 'x2', 'x1'],
    );
  });

  it('drops expired messages and finds the next expiry across forms', () => {
    const grouping = groupMessagesAndExpiry(
      [
        message('a', 1, { id: 'gone', expiresAt: '2026-11-29T12:30:00+01:00' }),
        message('a', 1, { id: 'soon', expiresAt: '2026-11-29T13:10:00+01:00' }),
        message('a', 1, { id: 'later', expiresAt: '2026-11-29T12:20:00.000Z' }),
        message('a', 1, { id: 'edge', expiresAt: instant }),
      ],
      [],
      NOW,
    );
    assert.deepEqual(grouping.groups[0].messages.map((m) => m.id).sort(), ['later', 'soon']);
    assert.equal(grouping.nextExpiry, Date.parse('2026-11-29T12:10:00Z'));
  });
});
