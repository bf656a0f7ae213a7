import * as assert from 'node:assert/strict';
import type { ScraperMessage } from '../../src/api/types';
import { ArrivalTracker } from '../../src/model/arrivals';

const message = (id: string): ScraperMessage => ({
  id,
  scraperId: 's-1',
  scraperName: 'acme-prices',
  messageType: 'KILL_REQUEST',
  createdAt: '2026-11-29T12:00:00Z',
});
const ids = (messages: ScraperMessage[]) => messages.map((m) => m.id);

describe('Arrivals (new-message alerts)', () => {
  it('reports nothing for the first answer: those messages were already there', () => {
    const tracker = new ArrivalTracker();
    assert.deepEqual(tracker.observe([message('m-1'), message('m-2')]), []);
  });

  it('reports the ids that were not in the previous answer', () => {
    const tracker = new ArrivalTracker();
    tracker.observe([message('m-1')]);
    assert.deepEqual(ids(tracker.observe([message('m-1'), message('m-2'), message('m-3')])), ['m-2', 'm-3']);
    assert.deepEqual(tracker.observe([message('m-1'), message('m-2'), message('m-3')]), []);
  });

  it('never reports the same id twice, even if it leaves an answer and comes back', () => {
    const tracker = new ArrivalTracker();
    tracker.observe([]);
    assert.deepEqual(ids(tracker.observe([message('m-1')])), ['m-1']);
    tracker.observe([]);
    assert.deepEqual(tracker.observe([message('m-1')]), []);
  });

  it('does not report a message that was there from the start when it leaves an answer and comes back', () => {
    const tracker = new ArrivalTracker();
    tracker.observe([message('a'), message('b')]);
    assert.deepEqual(ids(tracker.observe([message('b')])), []);
    assert.deepEqual(ids(tracker.observe([message('a'), message('b'), message('c')])), ['c']);
  });

  it('keeps its memory bounded however many ids pass through', () => {
    const tracker = new ArrivalTracker();
    tracker.observe([]);
    for (let round = 0; round < 30; round++) {
      const answer = Array.from({ length: 1_000 }, (_, i) => message(`r${round}-${i}`));
      assert.equal(tracker.observe(answer).length, 1_000, 'every id of a fresh answer is new');
    }
    const seen = (tracker as unknown as { seen: Set<string> }).seen;
    assert.ok(seen.size <= 20_000, `remembers ${seen.size} ids`);
  });

  it('starts over after a reset (new server or key): the next answer is a first answer', () => {
    const tracker = new ArrivalTracker();
    tracker.observe([]);
    tracker.reset();
    assert.deepEqual(tracker.observe([message('m-1')]), []);
    assert.deepEqual(ids(tracker.observe([message('m-1'), message('m-2')])), ['m-2']);
  });
});
