import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { groupMessagesAndExpiry, groupMessagesInSlices } from '../../src/model/messageGroups';
import { generatedMessages } from '../server/seed';

const NOW = Date.parse('2026-11-29T12:00:00Z');

function wireMessages(count: number): ScraperMessage[] {
  return generatedMessages({ messages: count, scrapers: Math.max(1, count / 50) }, NOW).map((message, i) => ({
    id: `msg-${i}`,
    scraperId: `id-${message.scraperName}`,
    scraperName: message.scraperName,
    messageType: message.messageType,
    createdAt: message.createdAt ?? new Date(NOW).toISOString(),
    message: message.message,
    expiresAt: message.expiresAt,
  }));
}

/** Resolves with how many times a 1 ms timer fired while `work` ran: > 0 means it paused. */
async function timerTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => turns++, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return turns;
}

describe('work on huge answers in slices', () => {
  const huge = wireMessages(100_000);

  it('groups exactly as the one-go grouping does', async () => {
    const sample = wireMessages(20_000);
    assert.deepEqual(await groupMessagesInSlices(sample, ['scraper-001', 'nobody'], NOW), groupMessagesAndExpiry(sample, ['scraper-001', 'nobody'], NOW));
  });

  it('lets timers run while grouping 100,000 messages', async () => {
    assert.ok((await timerTurnsDuring(() => groupMessagesInSlices(huge, [], NOW))) > 0, 'grouping never paused');
  });
});
