import * as assert from 'node:assert/strict';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';

describe('AllMessagesFetcher', () => {
  let server: RunningScrapeHubServer;
  before(async () => (server = await startScrapeHubServer({ seed: 'demo' })));
  after(() => server.close());
  beforeEach(() => server.reset());

  function fetcher(key = 'demo-key') {
    const client = new ScrapeHubClient({ address: { baseUrl: server.baseUrl, origin: server.origin }, getApiKey: async () => key });
    return new AllMessagesFetcher(client);
  }
  const known =
    (...names: string[]) =>
    () =>
      names;

  it('asks once without scraperName when the server allows it', async () => {
    const { messages, failed } = await fetcher().fetch(known('acme-prices'));
    assert.ok(messages.length >= 5);
    assert.deepEqual(failed, []);
    assert.deepEqual(
      server.requests.map((r) => r.query),
      [{}],
    );
  });

  it('falls back to one request per known scraper on a strict server, and remembers that', async () => {
    server.setStrict(true);
    const all = fetcher();
    const names = known('acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed');
    const { messages } = await all.fetch(names);
    assert.deepEqual(new Set(messages.map((m) => m.scraperName)), new Set(['acme-prices', 'news-crawler', 'shop-inventory']));
    assert.equal(server.requests.length, 1 + names().length);
    server.requests.length = 0;
    await all.fetch(names);
    assert.equal(server.requests.length, names().length, 'the refused unfiltered request is not repeated');
    assert.ok(server.requests.every((r) => r.query.scraperName));
  });

  it('returns each message once even if asked about a scraper twice', async () => {
    server.setStrict(true);
    const { messages } = await fetcher().fetch(known('acme-prices', 'acme-prices'));
    assert.equal(new Set(messages.map((m) => m.id)).size, messages.length);
  });

  it('keeps the first copy (in the order asked) of an id two scrapers both answer, whichever answer comes first', async () => {
    server.setStrict(true);
    const copy = (scraperName: string, message: string) => ({
      success: true,
      messages: [{ id: 'same', scraperId: 's-1', scraperName, messageType: 'START', message, createdAt: '2026-01-01T00:00:00Z' }],
    });
    server.addFault({ operation: 'getMessages', query: { scraperName: 'acme-prices' }, status: 200, body: copy('acme-prices', 'first') });
    server.addFault({
      operation: 'getMessages',
      query: { scraperName: 'news-crawler' },
      delayMs: 150,
      status: 200,
      body: copy('news-crawler', 'second'),
    });
    const { messages } = await fetcher().fetch(known('acme-prices', 'news-crawler'));
    assert.deepEqual(
      messages.filter((m) => m.id === 'same').map((m) => m.message),
      ['first'],
    );
  });

  it('says when a strict server needs scraper names and none are known, without asking per scraper', async () => {
    server.setStrict(true);
    const answer = await fetcher('admin-key').fetch(known());
    assert.deepEqual(answer, { messages: [], failed: [], needsScraperNames: true });
    assert.equal(server.requests.length, 1);
  });

  it('keeps what loaded when one scraper fails, naming it; a 403 for one scraper does not fail the refresh', async () => {
    server.setStrict(true);
    const all = fetcher();
    await all.fetch(known('acme-prices')); // learns that the server is strict
    server.addFault({ operation: 'getMessages', status: 403, times: 1 });
    const { messages, failed } = await all.fetch(known('acme-prices', 'news-crawler', 'shop-inventory'));
    assert.deepEqual(
      failed.map((f) => [f.scraperName, f.error.kind]),
      [['acme-prices', 'forbidden']],
    );
    assert.deepEqual(new Set(messages.map((m) => m.scraperName)), new Set(['news-crawler', 'shop-inventory']));
  });

  it('fails the whole fetch when a per-scraper request is refused for the key (401) or when nothing loaded', async () => {
    server.setStrict(true);
    const all = fetcher();
    await all.fetch(known('acme-prices'));
    server.addFault({ operation: 'getMessages', status: 401, times: 1 });
    await assert.rejects(all.fetch(known('acme-prices', 'news-crawler')), (error: { kind: string }) => error.kind === 'unauthorized');
    server.addFault({ operation: 'getMessages', status: 500 });
    await assert.rejects(all.fetch(known('acme-prices', 'news-crawler')), (error: { kind: string }) => error.kind === 'server');
  });

  it('does not fall back on other errors', async () => {
    server.addFault({ operation: 'getMessages', status: 500 });
    await assert.rejects(fetcher().fetch(known('acme-prices')), (error: { kind: string }) => error.kind === 'server');
    assert.equal(server.requests.length, 1);
  });
});
