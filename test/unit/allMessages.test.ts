import * as assert from 'node:assert/strict';
import { AllMessagesFetcher } from '../../src/api/allMessages';
import { ScrapeHubClient } from '../../src/api/client';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';

describe('AllMessagesFetcher', () => {
  let server: RunningScrapeHubServer;
  before(async () => (server = await startScrapeHubServer({ seed: 'demo' })));
  after(() => server.close());
  beforeEach(() => server.reset());

  function fetcher() {
    const client = new ScrapeHubClient({ address: { baseUrl: server.baseUrl, origin: server.origin }, getApiKey: async () => 'demo-key' });
    return new AllMessagesFetcher(client);
  }

  it('asks once without scraperName when the server allows it', async () => {
    const messages = await fetcher().fetch(['acme-prices']);
    assert.ok(messages.length >= 5);
    assert.deepEqual(server.requests.map((r) => r.query), [{}]);
  });

  it('falls back to one request per known scraper on a strict server, and remembers that', async () => {
    server.setStrict(true);
    const all = fetcher();
    const known = ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'];
    const messages = await all.fetch(known);
    assert.ok(all.needsScraperName);
    assert.deepEqual(new Set(messages.map((m) => m.scraperName)), new Set(['acme-prices', 'news-crawler', 'shop-inventory']));
    assert.equal(server.requests.length, 1 + known.length);
    server.requests.length = 0;
    await all.fetch(known);
    assert.equal(server.requests.length, known.length, 'the refused unfiltered request is not repeated');
    assert.ok(server.requests.every((r) => r.query.scraperName));
  });

  it('returns each message once even if asked about a scraper twice', async () => {
    server.setStrict(true);
    const messages = await fetcher().fetch(['acme-prices', 'acme-prices']);
    assert.equal(new Set(messages.map((m) => m.id)).size, messages.length);
  });

  it('does not fall back on other errors', async () => {
    server.addFault({ operation: 'getMessages', status: 500 });
    await assert.rejects(fetcher().fetch(['acme-prices']), (error: { kind: string }) => error.kind === 'server');
    assert.equal(server.requests.length, 1);
  });
});
