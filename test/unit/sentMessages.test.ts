import * as assert from 'node:assert/strict';
import type { ScraperMessage, SendMessageRequest } from '../../src/api/types';
import { SentMessages } from '../../src/model/sentMessages';

const request: SendMessageRequest = { scraperName: 'acme-prices', messageType: 'KILL_REQUEST', message: 'stop' };
const stored = (id: string, fields: Partial<ScraperMessage> = {}): ScraperMessage => ({
  id, scraperId: 's-1', scraperName: 'acme-prices', messageType: 'KILL_REQUEST', message: 'stop', createdAt: new Date().toISOString(), ...fields,
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

  it('claims nothing for a send the server refused', async () => {
    const sent = new SentMessages();
    await assert.rejects(sent.track(request, Promise.reject(new Error('403')), () => false));
    assert.equal(sent.claims(stored('m-6')), false);
  });
});
