import * as assert from 'node:assert/strict';
import { ScrapeHubClient, type ExchangeRecord } from '../../src/api/client';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/api/exchange';
import { ScrapeHubError, type ScrapeHubErrorKind } from '../../src/api/errors';
import { parseServerUrl } from '../../src/api/serverUrl';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';

const DEMO_KEY = 'demo-key';

describe('ScrapeHubClient against the local ScrapeHub server', () => {
  let server: RunningScrapeHubServer;
  let exchanges: ExchangeRecord[];

  before(async () => {
    server = await startScrapeHubServer({ seed: 'demo' });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    exchanges = [];
  });

  function client(
    options: { key?: string; timeoutMs?: number; baseUrl?: string; maxBodyBytes?: number; fetch?: typeof globalThis.fetch } = {},
  ) {
    const parsed = parseServerUrl(options.baseUrl ?? server.baseUrl);
    assert.ok(parsed.ok);
    return new ScrapeHubClient({
      address: parsed.address,
      getApiKey: async (origin) => (origin === parsed.address.origin ? (options.key ?? DEMO_KEY) : undefined),
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      fetch: options.fetch,
      onExchange: (record) => exchanges.push(record),
    });
  }

  async function failure(promise: Promise<unknown>): Promise<ScrapeHubError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof ScrapeHubError, `expected a ScrapeHubError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  async function expectKind(promise: Promise<unknown>, kind: ScrapeHubErrorKind): Promise<ScrapeHubError> {
    const error = await failure(promise);
    assert.equal(error.kind, kind, `kind (message: ${error.message})`);
    return error;
  }

  describe('operations', () => {
    it('gets all pending messages the user may see, with exactly the contract fields', async () => {
      const messages = await client().getMessages();
      assert.ok(messages.length >= 5);
      assert.ok(messages.every((m) => ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'].includes(m.scraperName)));
      for (const message of messages) {
        assert.deepEqual(
          Object.keys(message).filter(
            (k) => !['id', 'scraperId', 'scraperName', 'messageType', 'message', 'createdAt', 'expiresAt'].includes(k),
          ),
          [],
        );
      }
    });

    it('filters by scraper name', async () => {
      const messages = await client().getMessages('acme-prices');
      assert.ok(messages.length > 0);
      assert.ok(messages.every((m) => m.scraperName === 'acme-prices'));
      assert.deepEqual(server.requests.at(-1)?.query, { scraperName: 'acme-prices' });
    });

    it('sends a message and returns its id; the server stores it exactly once', async () => {
      const before = server.messages.length;
      const result = await client().sendMessage({ scraperName: 'acme-prices', messageType: 'KILL_REQUEST', message: 'stop now' });
      assert.match(result.messageId, /\S/);
      assert.equal(server.messages.length, before + 1);
      const stored = server.messages.find((m) => m.id === result.messageId);
      assert.equal(stored?.message, 'stop now');
      assert.equal(server.requests.filter((r) => r.path === '/sendMessage').length, 1);
    });

    it('acknowledges a message, which then no longer appears', async () => {
      const [first] = await client().getMessages('acme-prices');
      const result = await client().ackMessage(first.id);
      assert.ok(!Number.isNaN(Date.parse(result.acknowledgedAt)));
      const after = await client().getMessages('acme-prices');
      assert.ok(!after.some((m) => m.id === first.id));
    });

    it('reads user settings and version', async () => {
      const user = await client().getUserSettings();
      assert.equal(user.username, 'ada');
      assert.ok(user.scraperAssignments?.includes('weather-feed'));
      assert.equal(await client().getVersion(), '1.0.0');
    });

    it('sends the key in the x-api-key header only, never in the URL', async () => {
      await client().getVersion();
      const request = server.requests.at(-1)!;
      assert.equal(request.apiKey, DEMO_KEY);
      assert.ok(!JSON.stringify(request.query).includes(DEMO_KEY));
      assert.ok(!request.path.includes(DEMO_KEY));
    });

    it('logs method, path, status and duration, never the key', async () => {
      await client().getVersion();
      await failure(client({ key: 'wrong-key' }).getVersion());
      assert.equal(exchanges.length, 2);
      assert.deepEqual([exchanges[0].method, exchanges[0].path, exchanges[0].status], ['GET', '/version', 200]);
      assert.equal(exchanges[1].status, 401);
      assert.ok(exchanges.every((e) => typeof e.durationMs === 'number'));
      assert.ok(!JSON.stringify(exchanges).includes('wrong-key'));
    });
  });

  describe('errors from the server', () => {
    it('maps 401 to an unauthorized error with the server message and trace id', async () => {
      const error = await expectKind(client({ key: 'wrong-key' }).getMessages(), 'unauthorized');
      assert.match(error.message, /Invalid or missing API key/);
      assert.match(error.traceId ?? '', /\S/);
      assert.ok(error.isAuthProblem);
    });

    it('maps 403 on send to forbidden with the server message', async () => {
      const error = await expectKind(
        client({ key: 'outsider-key' }).sendMessage({ scraperName: 'acme-prices', messageType: 'START' }),
        'forbidden',
      );
      assert.match(error.message, /not assigned/);
      assert.equal(error.mayHaveReachedServer, false);
    });

    it('maps validation errors (400) to validation', async () => {
      const error = await expectKind(client().sendMessage({ scraperName: 'x'.repeat(101), messageType: 'START' }), 'validation');
      assert.equal(error.status, 400);
    });

    it('treats success:false with HTTP 200 as an error', async () => {
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: { success: false, code: 'FORBIDDEN', message: 'Nope', traceId: 't-1' },
      });
      const error = await expectKind(client().getMessages(), 'forbidden');
      assert.equal(error.traceId, 't-1');
      assert.match(error.message, /Nope/);
    });

    it('reports an acknowledged-elsewhere message as a conflict and an unknown one as not found', async () => {
      const [first] = await client().getMessages('acme-prices');
      await client().ackMessage(first.id);
      await expectKind(client().ackMessage(first.id), 'conflict');
      await expectKind(client().ackMessage('m-does-not-exist'), 'notFound');
    });

    it('maps 429 and 503 with Retry-After (seconds and HTTP-date) to rateLimited', async () => {
      server.addFault({ operation: 'version', times: 1, status: 429, headers: { 'Retry-After': '7' } });
      const seconds = await expectKind(client().getVersion(), 'rateLimited');
      assert.equal(seconds.retryAfterMs, 7000);
      const date = new Date(Date.now() + 60_000).toUTCString();
      server.addFault({ operation: 'version', times: 1, status: 503, headers: { 'Retry-After': date } });
      const dated = await expectKind(client().getVersion(), 'rateLimited');
      assert.ok(dated.retryAfterMs! > 50_000 && dated.retryAfterMs! <= 60_000, String(dated.retryAfterMs));
    });

    it('maps other 5xx to a server error', async () => {
      server.addFault({ operation: 'version', status: 500 });
      const error = await expectKind(client().getVersion(), 'server');
      assert.equal(error.status, 500);
    });

    it('asks for scraperName per strict server with a validation error', async () => {
      server.setStrict(true);
      await expectKind(client().getMessages(), 'validation');
    });
  });

  describe('bad responses', () => {
    it('rejects malformed JSON', async () => {
      server.addFault({ operation: 'getMessages', status: 200, body: '{"success": true, "messages": [' });
      const error = await expectKind(client().getMessages(), 'badResponse');
      assert.match(error.message, /not valid JSON/);
    });

    it('recognises an HTML page (captive portal, proxy login)', async () => {
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: '<!doctype html><html><body>Sign in to Wi-Fi</body></html>',
        headers: { 'Content-Type': 'text/html' },
      });
      const error = await expectKind(client().getMessages(), 'badResponse');
      assert.match(error.message, /HTML page/);
    });

    it('rejects bodies that do not match the schema', async () => {
      server.addFault({ operation: 'getMessages', times: 1, status: 200, body: { success: true, messages: [{ id: 'm-1' }] } });
      assert.match((await expectKind(client().getMessages(), 'badResponse')).message, /scraperId/);
      server.addFault({ operation: 'getMessages', times: 1, status: 200, body: { success: true } });
      assert.match((await expectKind(client().getMessages(), 'badResponse')).message, /messages/);
      server.addFault({ operation: 'sendMessage', times: 1, status: 200, body: { success: true } });
      assert.match(
        (await expectKind(client().sendMessage({ scraperName: 'acme-prices', messageType: 'START' }), 'badResponse')).message,
        /messageId/,
      );
      server.addFault({
        operation: 'userSettings',
        times: 1,
        status: 200,
        body: { success: true, data: { username: 'x', email: 'y', roles: 'admin' } },
      });
      assert.match((await expectKind(client().getUserSettings(), 'badResponse')).message, /roles/);
    });

    it('rejects an empty body', async () => {
      server.addFault({ operation: 'version', status: 200, body: '' });
      await expectKind(client().getVersion(), 'badResponse');
    });

    it('drops properties the contract does not define', async () => {
      server.addMessage({ scraperName: 'acme-prices', messageType: 'START', id: 'm-extra' });
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: {
          success: true,
          messages: [
            { id: 'm-x', scraperId: 's', scraperName: 'a', messageType: 'PAUSE', createdAt: '2026-01-01T00:00:00Z', evil: '<script>' },
          ],
        },
      });
      const [message] = await client().getMessages();
      assert.equal(message.messageType, 'PAUSE');
      assert.equal((message as unknown as Record<string, unknown>).evil, undefined);
    });
  });

  describe('untrusted fields', () => {
    const base = { scraperId: 's', scraperName: 'a', createdAt: '2026-11-29T12:00:00Z' };

    it('keeps a message type of any name and any string in any field, unchanged', async () => {
      const odd: Record<string, string>[] = [
        { ...base, id: 'm-1', messageType: 'PAUSE' },
        { ...base, id: 'm-2', messageType: '<b>**x**</b> $(alert) \u202e', scraperName: ' a\nb ', message: '[run](command:x)' },
        { ...base, id: '\u0000', messageType: 'x'.repeat(5_000), createdAt: 'yesterday', expiresAt: 'never' },
      ];
      server.addFault({ operation: 'getMessages', status: 200, body: { success: true, messages: odd } });
      const messages = await client().getMessages();
      const fields = ['id', 'scraperId', 'scraperName', 'messageType', 'message', 'createdAt', 'expiresAt'];
      assert.deepEqual(
        messages,
        odd.map((sent) => Object.fromEntries(fields.map((field) => [field, sent[field]]))),
      );
    });

    it('keeps a very long text whole: display code shortens it, not the parser', async () => {
      const text = 'stop '.repeat(200_000);
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: { success: true, messages: [{ ...base, id: 'm-1', messageType: 'START', message: text }] },
      });
      const [message] = await client().getMessages();
      assert.equal(message.message, text);
    });

    it('keeps the first of messages with the same id, once', async () => {
      const first = { ...base, id: 'm-1', messageType: 'KILL_REQUEST', message: 'first' };
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: { success: true, messages: [first, { ...base, id: 'm-2', messageType: 'START' }, { ...first, message: 'second' }] },
      });
      const messages = await client().getMessages();
      assert.deepEqual(
        messages.map((m) => [m.id, m.message]),
        [
          ['m-1', 'first'],
          ['m-2', undefined],
        ],
      );
    });
  });

  describe('answers of any size', () => {
    const CAP = 1024 * 1024;
    const bigBody = JSON.stringify({ success: true, messages: [], padding: 'x'.repeat(8 * CAP) });

    /** A fetch that counts the body bytes the client really pulled off the connection. */
    function countingFetch(): { fetch: typeof globalThis.fetch; read: () => number } {
      let read = 0;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        const counter = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            read += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        return new Response(response.body?.pipeThrough(counter) ?? null, { status: response.status, headers: response.headers });
      };
      return { fetch, read: () => read };
    }

    it('refuses an answer whose Content-Length is over the cap without reading it', async () => {
      server.addFault({ operation: 'getMessages', status: 200, body: bigBody });
      const counting = countingFetch();
      const error = await expectKind(client({ maxBodyBytes: CAP, fetch: counting.fetch }).getMessages(), 'badResponse');
      assert.match(error.message, /larger than 1 MB.*nothing from it was shown/);
      assert.ok(counting.read() < 256 * 1024, `read ${counting.read()} bytes`);
    });

    it('stops reading a streamed answer (no Content-Length) at the cap', async () => {
      server.addFault({ operation: 'getMessages', status: 200, body: bigBody, chunked: true });
      const counting = countingFetch();
      const error = await expectKind(client({ maxBodyBytes: CAP, fetch: counting.fetch }).getMessages(), 'badResponse');
      assert.match(error.message, /larger than 1 MB/);
      assert.ok(counting.read() <= CAP + 256 * 1024, `read ${counting.read()} bytes of ${bigBody.length}`);
      assert.equal(error.mayHaveReachedServer, true);
    });

    it('reads a streamed answer up to the cap as usual', async () => {
      server.addFault({
        operation: 'version',
        status: 200,
        body: JSON.stringify({ success: true, version: '2', padding: 'x'.repeat(CAP - 100) }),
        chunked: true,
      });
      assert.equal(await client({ maxBodyBytes: CAP }).getVersion(), '2');
    });

    it('caps answers at 64 MB by default', async () => {
      assert.equal(DEFAULT_MAX_BODY_BYTES, 64 * 1024 * 1024);
      server.addFault({
        operation: 'getMessages',
        status: 200,
        body: '{}',
        headers: { 'Content-Length': String(DEFAULT_MAX_BODY_BYTES + 1) },
      });
      const error = await expectKind(client().getMessages(), 'badResponse');
      assert.match(error.message, /larger than 64 MB/);
    });
  });

  describe('transport failures', () => {
    it('times out a GET', async () => {
      server.addFault({ operation: 'version', hang: true });
      const started = Date.now();
      await expectKind(client({ timeoutMs: 200 }).getVersion(), 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('times out a POST, flags it as possibly delivered, and never re-sends it', async () => {
      server.addFault({ operation: 'sendMessage', afterHandling: true, hang: true });
      const before = server.messages.length;
      const error = await expectKind(
        client({ timeoutMs: 300 }).sendMessage({ scraperName: 'acme-prices', messageType: 'START' }),
        'timeout',
      );
      assert.equal(error.mayHaveReachedServer, true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(server.requests.filter((r) => r.path === '/sendMessage').length, 1);
      assert.equal(server.messages.length, before + 1);
    });

    it('does not retry a POST whose connection dropped', async () => {
      server.addFault({ operation: 'sendMessage', destroySocket: true });
      const error = await expectKind(client().sendMessage({ scraperName: 'acme-prices', messageType: 'START' }), 'network');
      assert.equal(error.mayHaveReachedServer, true);
      assert.equal(server.requests.filter((r) => r.path === '/sendMessage').length, 1);
    });

    it('does not retry a GET either (the poller decides when to try again)', async () => {
      server.addFault({ operation: 'version', destroySocket: true });
      await expectKind(client().getVersion(), 'network');
      assert.equal(server.requests.filter((r) => r.path === '/version').length, 1);
    });

    it('reports a refused connection as never delivered', async () => {
      const closed = await startScrapeHubServer({ seed: 'empty' });
      const baseUrl = closed.baseUrl;
      await closed.close();
      const error = await expectKind(client({ baseUrl }).sendMessage({ scraperName: 'a', messageType: 'START' }), 'network');
      assert.equal(error.mayHaveReachedServer, false);
    });

    it('can be aborted by the caller', async () => {
      server.addFault({ operation: 'version', hang: true });
      const controller = new AbortController();
      const pending = client().getVersion({ signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expectKind(pending, 'aborted');
    });
  });

  describe('key safety', () => {
    it('does not follow a redirect to another origin, which receives nothing', async () => {
      const other = await startScrapeHubServer({ seed: 'empty' });
      try {
        server.addFault({ operation: 'getMessages', status: 302, headers: { Location: `${other.baseUrl}/getMessages` } });
        const error = await expectKind(client().getMessages(), 'redirect');
        assert.match(error.message, new RegExp(other.origin.replace(/[.:/]/g, '\\$&')));
        assert.equal(other.requests.length, 0);
      } finally {
        await other.close();
      }
    });

    it('does not follow a same-origin redirect either (e.g. https → http downgrade)', async () => {
      server.addFault({ operation: 'version', times: 1, status: 301, headers: { Location: `${server.baseUrl}/version?moved=1` } });
      await expectKind(client().getVersion(), 'redirect');
      assert.equal(server.requests.filter((r) => r.path === '/version').length, 1);
    });

    it('sends nothing when no key is stored for the origin', async () => {
      const noKey = new ScrapeHubClient({ address: { baseUrl: server.baseUrl, origin: server.origin }, getApiKey: async () => undefined });
      await expectKind(noKey.getMessages(), 'notConfigured');
      assert.equal(server.requests.length, 0);
    });

    it('asks the key store for exactly the configured origin', async () => {
      const asked: string[] = [];
      const probe = new ScrapeHubClient({
        address: { baseUrl: server.baseUrl, origin: server.origin },
        getApiKey: async (origin) => (asked.push(origin), DEMO_KEY),
      });
      await probe.getVersion();
      assert.deepEqual(asked, [server.origin]);
    });

    it('redacts the key when a server echoes it in an error message', async () => {
      server.addFault({
        operation: 'version',
        status: 400,
        body: { success: false, code: 'VALIDATION_ERROR', message: `bad key ${DEMO_KEY} here` },
      });
      const error = await expectKind(client().getVersion(), 'validation');
      assert.ok(!error.message.includes(DEMO_KEY), error.message);
      assert.ok(!JSON.stringify(exchanges).includes(DEMO_KEY));
    });
  });
});
