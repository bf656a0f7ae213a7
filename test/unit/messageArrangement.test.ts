import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { arrangeGroups, compareSoonestExpiryFirst, readArrangement } from '../../src/model/messageArrangement';
import { groupMessagesAndExpiry } from '../../src/model/messageGroups';

const groupMessages = (...args: Parameters<typeof groupMessagesAndExpiry>) => groupMessagesAndExpiry(...args).groups;

const NOW = Date.parse('2026-11-29T12:00:00Z');
let counter = 0;

function message(scraperName: string, messageType: string, minutesAgo: number, expiresInMinutes?: number): ScraperMessage {
  counter += 1;
  return {
    id: `m-${counter}`,
    scraperId: `s-${scraperName}`,
    scraperName,
    messageType,
    createdAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    ...(expiresInMinutes === undefined ? {} : { expiresAt: new Date(NOW + expiresInMinutes * 60_000).toISOString() }),
  };
}

describe('arrangeGroups', () => {
  const oldKill = message('acme', 'KILL_REQUEST', 30, 5);
  const newStart = message('acme', 'START', 1);
  const newsKill = message('news', 'KILL_REQUEST', 2, 60);
  const pause = message('news', 'PAUSE', 3, 1);
  const scraperGroups = groupMessages([oldKill, newStart, newsKill, pause], ['idle'], NOW);

  it("keeps the store's scraper groups as they are by default (scraper, newest first)", () => {
    const arranged = arrangeGroups(scraperGroups, { groupBy: 'scraper', sortBy: 'created' });
    assert.equal(arranged.groupBy, 'scraper');
    assert.deepEqual(arranged.groups, scraperGroups);
    arranged.groups.forEach((group, index) => assert.equal(group, scraperGroups[index], 'same objects: nothing to redraw'));
  });

  it('groups by message type across scrapers: KILL_REQUEST, START, then unknown types', () => {
    const arranged = arrangeGroups(scraperGroups, { groupBy: 'messageType', sortBy: 'created' });
    assert.deepEqual(
      arranged.groups.map((group) => group.name),
      ['KILL_REQUEST', 'START', 'PAUSE'],
    );
    assert.deepEqual(
      arranged.groups[0].messages.map((m) => m.id),
      [newsKill.id, oldKill.id],
      'newest first',
    );
  });

  it('leaves out assigned scrapers without messages when grouping by type', () => {
    const arranged = arrangeGroups(scraperGroups, { groupBy: 'messageType', sortBy: 'created' });
    assert.equal(
      arranged.groups.reduce((sum, group) => sum + group.messages.length, 0),
      4,
    );
    assert.ok(scraperGroups.some((group) => group.name === 'idle'));
  });

  it("sorts by expiry, soonest first, never-expiring last, without changing the store's groups", () => {
    const arranged = arrangeGroups(scraperGroups, { groupBy: 'scraper', sortBy: 'expiry' });
    const acme = arranged.groups.find((group) => group.name === 'acme')!;
    assert.deepEqual(
      acme.messages.map((m) => m.id),
      [oldKill.id, newStart.id],
    );
    assert.deepEqual(
      scraperGroups.find((group) => group.name === 'acme')!.messages.map((m) => m.id),
      [newStart.id, oldKill.id],
    );
    const byType = arrangeGroups(scraperGroups, { groupBy: 'messageType', sortBy: 'expiry' });
    assert.deepEqual(
      byType.groups[0].messages.map((m) => m.id),
      [oldKill.id, newsKill.id],
    );
  });

  it('breaks expiry ties newest first, and puts unreadable expiries with the never-expiring', () => {
    const a = message('x', 'START', 10, 30);
    const b = message('x', 'START', 5, 30);
    const never = message('x', 'START', 1);
    const broken = { ...message('x', 'START', 2), expiresAt: 'soon' };
    assert.deepEqual(
      [never, a, broken, b].sort(compareSoonestExpiryFirst).map((m) => m.id),
      [b.id, a.id, never.id, broken.id],
    );
  });
});

describe('readArrangement', () => {
  it('reads known setting values and falls back to the defaults for anything else', () => {
    assert.deepEqual(readArrangement('messageType', 'expiry'), { groupBy: 'messageType', sortBy: 'expiry' });
    assert.deepEqual(readArrangement('type', 42), { groupBy: 'scraper', sortBy: 'created' });
    assert.deepEqual(readArrangement(undefined, undefined), { groupBy: 'scraper', sortBy: 'created' });
  });
});
