import * as assert from 'node:assert/strict';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { parseServerUrl } from '../../src/api/serverUrl';
import type { BodyParser } from '../../src/api/worker/parseWorkerClient';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';

/** Large enough to go to the body parser (which here declines, so the main thread parses). */
function largeBody(text: string, count = 1_500): string {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m-${i}`,
    scraperId: 's-1',
    scraperName: 'acme-prices',
    messageType: 'START',
    message: i === 0 ? text : `message ${i}`,
    createdAt: '2026-11-29T09:12:44.120Z',
  }));
  return JSON.stringify({ success: true, messages });
}

describe('an answer byte for byte the last one to the same request', () => {
  let server: RunningScrapeHubServer;
  let other: RunningScrapeHubServer;
  let parsed: number;
  const parser: BodyParser = {
    parse: () => {
      parsed++;
      return Promise.resolve(undefined);
    },
  };

  before(async () => {
    server = await startScrapeHubServer({ seed: 'demo' });
    other = await startScrapeHubServer({ seed: 'demo' });
  });
  after(() => Promise.all([server.close(), other.close()]));
  beforeEach(() => {
    server.reset();
    other.reset();
    parsed = 0;
  });

  function client(on = server): ScrapeHubClient {
    const address = parseServerUrl(on.baseUrl);
    assert.ok(address.ok);
    return new ScrapeHubClient({ address: address.address, getApiKey: () => Promise.resolve('demo-key'), bodyParser: parser });
  }

  it('gives the same array again without parsing it', async () => {
    server.addFault({ operation: 'getMessages', status: 200, body: largeBody('same') });
    const shared = client();
    const first = await shared.getMessages();
    const second = await shared.getMessages();
    assert.equal(first.length, 1_500);
    assert.equal(second, first);
    assert.equal(parsed, 1);
  });

  it('parses an answer that differs in one byte', async () => {
    server.addFault({ operation: 'getMessages', status: 200, body: largeBody('text a'), times: 1 });
    server.addFault({ operation: 'getMessages', status: 200, body: largeBody('text b'), times: 1 });
    const shared = client();
    const first = await shared.getMessages();
    const second = await shared.getMessages();
    assert.notEqual(second, first);
    assert.deepEqual([first[0].message, second[0].message], ['text a', 'text b']);
    assert.equal(parsed, 2);
  });

  it('never shares a result between queries or servers, even for the same bytes', async () => {
    const body = largeBody('same');
    server.addFault({ operation: 'getMessages', status: 200, body });
    other.addFault({ operation: 'getMessages', status: 200, body });
    const shared = client();
    const all = await shared.getMessages();
    const one = await shared.getMessages('acme-prices');
    const elsewhere = await client(other).getMessages();
    assert.notEqual(one, all);
    assert.notEqual(elsewhere, all);
    assert.equal(parsed, 3);
  });

  it('parses the same bytes again after a failed answer to that request', async () => {
    const body = largeBody('same');
    server.addFault({ operation: 'getMessages', status: 200, body, times: 1 });
    server.addFault({ operation: 'getMessages', status: 500, times: 1 });
    server.addFault({ operation: 'getMessages', status: 200, body, times: 1 });
    const shared = client();
    const first = await shared.getMessages();
    await assert.rejects(shared.getMessages(), { kind: 'server' });
    const third = await shared.getMessages();
    assert.notEqual(third, first);
    assert.deepEqual(third, first);
  });

  it('gives the same merged list when every scraper of a strict server answered the same', async () => {
    const strict = new AllMessagesFetcher(client());
    server.setStrict(true);
    const names = () => ['acme-prices', 'news-crawler'];
    const first = await strict.fetch(names);
    const second = await strict.fetch(names);
    assert.ok(first.messages.length > 0);
    assert.equal(second.messages, first.messages);
    server.addMessage({ scraperName: 'news-crawler', messageType: 'START', message: 'new one' });
    const third = await strict.fetch(names);
    assert.notEqual(third.messages, first.messages);
    assert.ok(third.messages.some((message) => message.message === 'new one'));
  });
});
