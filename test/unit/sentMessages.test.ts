import * as assert from 'node:assert/strict';
import type { ScraperMessage, SendMessageRequest } from '../../src/api/types';
import { SentMessages, findDelivered } from '../../src/model/sentMessages';

const request: SendMessageRequest = { scraperName: 'acme-prices', messageType: 'KILL_REQUEST', message: 'stop' };
const stored = (id: string, fields: Partial<ScraperMessage> = {}): ScraperMessage => ({
  id,
  scraperId: 's-1',
  scraperName: 'acme-prices',
  messageType: 'KILL_REQUEST',
  message: 'stop',
  createdAt: new Date().toISOString(),
  ...fields,
});
const ambiguous = () => true;
const lost = Object.assign(new Error('timeout'), { lost: true });

describe('Messages sent from this window', () => {
  it('claims a sent message by the id the server returned', async () => {
    const sent = new SentMessages();
    await sent.track(request, Promise.resolve({ messageId: 'm-9' }), ambiguous);
    assert.equal(sent.claims(stored('m-9')), true);
    assert.equal(sent.claims(stored('m-10')), false);
  });

  it('says a send is in flight until it settles, then tells its listeners', async () => {
    const sent = new SentMessages();
    let settled = 0;
    sent.onSettled(() => settled++);
    let answer!: (value: { messageId: string }) => void;
    const tracking = sent.track(request, new Promise<{ messageId: string }>((resolve) => (answer = resolve)), ambiguous);
    assert.equal(sent.sending, true);
    answer({ messageId: 'm-1' });
    await tracking;
    assert.equal(sent.sending, false);
    assert.equal(settled, 1);
  });

  it('claims, once, a message matching a send whose answer was lost', async () => {
    const sent = new SentMessages();
    await assert.rejects(sent.track(request, Promise.reject(lost), ambiguous));
    assert.equal(sent.claims(stored('m-5', { message: 'other text' })), false);
    assert.equal(sent.claims(stored('m-6')), true);
    assert.equal(sent.claims(stored('m-6')), true, 'the matched id stays claimed');
    assert.equal(sent.claims(stored('m-7')), false, 'one lost send claims one message');
  });

  it("recognises a lost send's message whose createdAt is in ISO 8601 basic format", async () => {
    const sent = new SentMessages();
    const at = Date.parse('2026-12-01T10:00:00Z');
    await assert.rejects(sent.track(request, Promise.reject(lost), ambiguous, () => at));
    assert.equal(sent.claims(stored('m-6', { createdAt: '20261201T100005Z' }), at + 5_000), true);
  });

  it('claims nothing for a send the server refused', async () => {
    const sent = new SentMessages();
    await assert.rejects(sent.track(request, Promise.reject(new Error('403')), () => false));
    assert.equal(sent.claims(stored('m-6')), false);
  });
});

describe('Finding the message a send without an answer created', () => {
  const started = Date.parse('2026-12-01T10:00:00Z');
  const sent: SendMessageRequest = {
    scraperName: 'acme-prices',
    messageType: 'START',
    message: 'go',
    expiresAt: '2026-12-01T11:00:00.000Z',
  };
  const listed = (id: string, fields: Partial<ScraperMessage> = {}): ScraperMessage => ({
    id,
    scraperId: 's-1',
    scraperName: 'acme-prices',
    messageType: 'START',
    message: 'go',
    createdAt: '2026-12-01T10:00:01Z',
    expiresAt: '2026-12-01T11:00:00Z',
    ...fields,
  });

  it('finds a new message with the same scraper, type, text and expiry instant', () => {
    assert.equal(findDelivered([listed('m-1')], sent, started, new Set())?.id, 'm-1');
  });

  it('ignores messages that differ in any of them', () => {
    const others = [
      listed('a', { scraperName: 'news-crawler' }),
      listed('b', { messageType: 'KILL_REQUEST' }),
      listed('c', { message: 'go!' }),
      listed('d', { expiresAt: '2026-12-01T11:00:01Z' }),
      listed('e', { expiresAt: undefined }),
    ];
    assert.equal(findDelivered(others, sent, started, new Set()), undefined);
  });

  it('ignores a message that was pending before the send, or created well before it', () => {
    assert.equal(findDelivered([listed('old')], sent, started, new Set(['old'])), undefined);
    assert.equal(findDelivered([listed('older', { createdAt: '2026-12-01T09:58:00Z' })], sent, started, new Set()), undefined);
    assert.equal(
      findDelivered([listed('skewed', { createdAt: '2026-12-01T09:59:30Z' })], sent, started, new Set())?.id,
      'skewed',
      'a server clock up to a minute behind',
    );
  });

  it("reads the server's times as ISO 8601, any valid form (basic format, comma fractions, offsets)", () => {
    const basic = listed('basic', { createdAt: '20261201T100001Z', expiresAt: '20261201T120000,000+0100' });
    assert.equal(findDelivered([basic], sent, started, new Set())?.id, 'basic');
  });

  it('does not claim a message whose times name no offset: which instant they mean is unknown', () => {
    const never: SendMessageRequest = { ...sent, expiresAt: undefined };
    assert.equal(
      findDelivered([listed('local', { createdAt: '2026-12-01T10:00:01', expiresAt: undefined })], never, started, new Set()),
      undefined,
    );
    assert.equal(findDelivered([listed('no zone', { expiresAt: '2026-12-01T11:00:00' })], sent, started, new Set()), undefined);
    assert.equal(
      findDelivered([listed('no zone', { expiresAt: '2026-12-01T11:00:00' })], never, started, new Set()),
      undefined,
      'an expiry, even unreadable, is not "no expiry"',
    );
  });

  it('matches a send without expiry only to a message without one', () => {
    const never: SendMessageRequest = { ...sent, expiresAt: undefined };
    assert.equal(findDelivered([listed('x'), listed('y', { expiresAt: undefined })], never, started, new Set())?.id, 'y');
  });
});
