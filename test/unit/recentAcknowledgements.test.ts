import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { RECENT_ACK_LIMIT, addRecentAcks, type RecentAck } from '../../src/model/recentAcknowledgements';

function ack(id: string, origin = 'https://a.example'): RecentAck {
  const message: ScraperMessage = { id, scraperId: 's-1', scraperName: 'acme', messageType: 'START', createdAt: '2026-11-29T12:00:00Z' };
  return { origin, message, acknowledgedAt: '2026-11-29T12:05:00Z' };
}

describe('addRecentAcks', () => {
  it('puts the newest acknowledgement first (the last of a batch is the newest)', () => {
    const list = addRecentAcks(addRecentAcks([], [ack('a')]), [ack('b'), ack('c')]);
    assert.deepEqual(
      list.map((entry) => entry.message.id),
      ['c', 'b', 'a'],
    );
  });

  it('lists a message once, moving it to the front when it is acknowledged again', () => {
    const list = addRecentAcks([ack('b'), ack('a')], [ack('a')]);
    assert.deepEqual(
      list.map((entry) => entry.message.id),
      ['a', 'b'],
    );
  });

  it('keeps at most 50, dropping the oldest', () => {
    assert.equal(RECENT_ACK_LIMIT, 50);
    const many = Array.from({ length: 57 }, (_, index) => ack(`m-${index}`));
    const list = addRecentAcks([], many);
    assert.equal(list.length, 50);
    assert.equal(list[0].message.id, 'm-56');
    assert.equal(list.at(-1)!.message.id, 'm-7');
  });

  it('never mixes servers: entries of another origin leave the list', () => {
    const list = addRecentAcks([ack('m-1', 'https://a.example'), ack('m-2', 'https://a.example')], [ack('m-1', 'https://b.example')]);
    assert.deepEqual(
      list.map((entry) => [entry.origin, entry.message.id]),
      [['https://b.example', 'm-1']],
    );
  });

  it('does not change the list it was given', () => {
    const before = [ack('a')];
    addRecentAcks(before, [ack('b')]);
    assert.deepEqual(
      before.map((entry) => entry.message.id),
      ['a'],
    );
  });
});
