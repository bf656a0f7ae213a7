import * as assert from 'node:assert/strict';
import { checkMessages } from '../../src/api/responseShapes';
import type { ScraperMessage } from '../../src/api/types';
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

  it('lets timers run while checking 100,000 messages, and still checks every one', async () => {
    const body = { success: true, messages: [...huge, { id: 'broken' }] as unknown[] };
    let result: Awaited<ReturnType<typeof checkMessages>> | undefined;
    assert.ok((await timerTurnsDuring(async () => (result = await checkMessages(body)))) > 0, 'checking never paused');
    assert.equal(result?.ok, false);
    assert.match(result && !result.ok ? result.problem : '', /messages\[100000\]\.scraperId is missing/);
  });

  it('copies only the contract fields, every copy with the same properties', async () => {
    const result = await checkMessages({ success: true, messages: [{ ...huge[0], extra: 'x' }, huge[4]] });
    assert.ok(result.ok);
    assert.deepEqual(result.value.map((message) => Object.keys(message)), [
      ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt', 'message', 'expiresAt'],
      ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt', 'message', 'expiresAt'],
    ]);
  });
});
