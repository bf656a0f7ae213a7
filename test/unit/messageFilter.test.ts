import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { filterGroups, matchesFilter, parseFilter } from '../../src/model/messageFilter';
import { groupMessagesAndExpiry } from '../../src/model/messageGroups';

const groupMessages = (...args: Parameters<typeof groupMessagesAndExpiry>) => groupMessagesAndExpiry(...args).groups;

const message = (id: string, scraperName: string, messageType: string, text?: string): ScraperMessage => ({
  id,
  scraperId: `s-${scraperName}`,
  scraperName,
  messageType,
  createdAt: '2026-11-29T10:00:00Z',
  ...(text ? { message: text } : {}),
});

const messages = [
  message('m-1', 'acme-prices', 'KILL_REQUEST', 'stop: site maintenance'),
  message('m-2', 'acme-prices', 'START', 'nightly run'),
  message('m-3', 'news-crawler', 'START'),
  message('m-4', 'shop-inventory', 'KILL_REQUEST', 'proxy pool exhausted'),
];

function ids(query: string): string[] {
  const filter = parseFilter(query);
  assert.ok(filter, `"${query}" is a filter`);
  return messages.filter((m) => matchesFilter(m, filter)).map((m) => m.id);
}

describe('message filter', () => {
  it('finds words in the text, type, scraper and id, ignoring case', () => {
    assert.deepEqual(ids('MAINTENANCE'), ['m-1']);
    assert.deepEqual(ids('start'), ['m-2', 'm-3']);
    assert.deepEqual(ids('crawler'), ['m-3']);
    assert.deepEqual(ids('m-4'), ['m-4']);
  });

  it('matches fields with type: and scraper:', () => {
    assert.deepEqual(ids('type:kill'), ['m-1', 'm-4']);
    assert.deepEqual(ids('scraper:acme'), ['m-1', 'm-2']);
  });

  it('requires every word to match', () => {
    assert.deepEqual(ids('type:kill scraper:shop'), ['m-4']);
    assert.deepEqual(ids('acme proxy'), []);
  });

  it('treats blank input as no filter', () => {
    assert.equal(parseFilter('   '), undefined);
    assert.equal(parseFilter('type:'), undefined);
  });

  it('keeps only scrapers with a match, and only their matching messages', () => {
    const groups = groupMessages(messages, ['weather-feed'], Date.parse('2026-11-29T12:00:00Z'));
    const filtered = filterGroups(groups, parseFilter('type:kill'));
    assert.deepEqual(
      filtered.map((g) => [g.name, g.messages.map((m) => m.id)]),
      [
        ['acme-prices', ['m-1']],
        ['shop-inventory', ['m-4']],
      ],
    );
    assert.equal(filterGroups(groups, undefined).length, groups.length);
  });
});
