import * as assert from 'node:assert/strict';
import { DEMO_USERS, startScrapeHubServer, type RunningScrapeHubServer, type ScrapeHubServerOptions } from '../server/scrapeHubServer';

interface CallOptions {
  key?: string;
  method?: string;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  contentType?: string;
  redirect?: RequestRedirect;
}

interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, read as any of the server's answers; the tests check what is there. */
  json: WireAnswer;
}

interface WireMessage {
  id: string;
  scraperName: string;
  messageType: string;
  message?: string;
  expiresAt?: string;
  [field: string]: unknown;
}

interface WireAnswer {
  success?: boolean;
  code?: string;
  traceId?: string;
  message?: string;
  messageId?: string;
  acknowledgedAt?: string;
  version?: string;
  messages: WireMessage[];
  data: { username?: string; scraperAssignments: string[] };
}

async function call(server: RunningScrapeHubServer, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (options.key !== undefined) {
    headers['x-api-key'] = options.key;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const response = await fetch(server.baseUrl + path, { method, headers, body, redirect: options.redirect });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseOrUndefined(text) as WireAnswer };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function withServer(options: ScrapeHubServerOptions, test: (server: RunningScrapeHubServer) => Promise<void>): Promise<void> {
  const server = await startScrapeHubServer(options);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

function assertError(result: CallResult, status: number, code: string, message?: string | RegExp): void {
  assert.equal(result.status, status, result.text);
  assert.equal(result.json.success, false);
  assert.equal(result.json.code, code);
  assert.match(result.json.traceId ?? '', /^[0-9a-f]{16}$/);
  if (typeof message === 'string') {
    assert.equal(result.json.message, message);
  } else if (message) {
    assert.match(result.json.message ?? '', message);
  }
}

const messageTexts = (result: CallResult): (string | undefined)[] => result.json.messages.map((m: { message?: string }) => m.message);
const scraperNames = (result: CallResult): string[] =>
  [...new Set<string>(result.json.messages.map((m: { scraperName: string }) => m.scraperName))].sort();

describe('ScrapeHub test server', () => {
  let server: RunningScrapeHubServer;

  before(async () => {
    server = await startScrapeHubServer();
  });
  beforeEach(() => server.reset());
  after(() => server.close());

  describe('authentication', () => {
    it('answers 401 UNAUTHORIZED when the x-api-key header is missing', async () => {
      assertError(await call(server, '/version'), 401, 'UNAUTHORIZED', 'Invalid or missing API key');
    });

    it('answers 401 for an unknown key without echoing it', async () => {
      const result = await call(server, '/getMessages', { key: 'guessed-key-123' });
      assertError(result, 401, 'UNAUTHORIZED', 'Invalid or missing API key');
      assert.ok(!result.text.includes('guessed-key-123'));
    });

    it('gives every error a fresh traceId', async () => {
      const first = await call(server, '/version');
      const second = await call(server, '/version');
      assert.notEqual(first.json.traceId, second.json.traceId);
    });
  });

  describe('getMessages', () => {
    it('returns the operator her five pending messages of assigned scrapers only', async () => {
      const result = await call(server, '/getMessages', { key: 'demo-key' });
      assert.equal(result.status, 200);
      assert.equal(result.json.success, true);
      assert.equal(result.json.messages.length, 5);
      assert.deepEqual(scraperNames(result), ['acme-prices', 'news-crawler', 'shop-inventory']);
    });

    it('returns an admin the messages of every scraper', async () => {
      const result = await call(server, '/getMessages', { key: 'admin-key' });
      assert.equal(result.json.messages.length, 6);
      assert.deepEqual(scraperNames(result), ['acme-prices', 'internal-audit', 'news-crawler', 'shop-inventory']);
    });

    it('returns an empty list to a user whose scrapers have no pending messages', async () => {
      const result = await call(server, '/getMessages', { key: 'outsider-key' });
      assert.equal(result.status, 200);
      assert.deepEqual(result.json, { success: true, messages: [] });
    });

    it('filters by scraperName', async () => {
      const result = await call(server, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
      assert.deepEqual(scraperNames(result), ['acme-prices']);
      assert.deepEqual(messageTexts(result), ['nightly run', 'stop: site maintenance']);
    });

    it('returns an empty list, not an error, for a scraper the operator is not assigned to', async () => {
      const result = await call(server, '/getMessages?scraperName=internal-audit', { key: 'demo-key' });
      assert.equal(result.status, 200);
      assert.deepEqual(result.json.messages, []);
    });

    it('never returns acknowledged or expired messages', async () => {
      const result = await call(server, '/getMessages', { key: 'admin-key' });
      assert.ok(server.messages.some((m) => m.message === 'morning run' && m.acknowledgedAt));
      assert.ok(server.messages.some((m) => m.message === 'stop: rate limited' && m.expiresAt));
      assert.ok(!messageTexts(result).includes('morning run'));
      assert.ok(!messageTexts(result).includes('stop: rate limited'));
    });

    it('sends exactly the ScraperMessageResponse fields as JSON', async () => {
      const result = await call(server, '/getMessages', { key: 'admin-key' });
      assert.match(result.headers.get('content-type') ?? '', /^application\/json/);
      const allowed = ['id', 'scraperId', 'scraperName', 'messageType', 'message', 'createdAt', 'expiresAt'];
      for (const message of result.json.messages) {
        assert.deepEqual(
          Object.keys(message).filter((key) => !allowed.includes(key)),
          [],
        );
        for (const required of ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt']) {
          assert.equal(typeof message[required], 'string', required);
        }
      }
    });

    it('rejects a request without scraperName in strict mode', async () => {
      server.setStrict(true);
      assertError(await call(server, '/getMessages', { key: 'demo-key' }), 400, 'VALIDATION_ERROR', 'scraperName is required');
      assertError(await call(server, '/getMessages?scraperName=', { key: 'demo-key' }), 400, 'VALIDATION_ERROR');
      assert.equal((await call(server, '/getMessages?scraperName=acme-prices', { key: 'demo-key' })).status, 200);
    });

    it('hides messages once the injected clock passes their expiry', async () => {
      let now = Date.now();
      await withServer({ now: () => now }, async (own) => {
        const before = await call(own, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
        now += 2 * 3_600_000;
        const after = await call(own, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
        assert.deepEqual(messageTexts(before), ['nightly run', 'stop: site maintenance']);
        assert.deepEqual(messageTexts(after), ['nightly run']);
      });
    });
  });

  describe('sendMessage', () => {
    it('creates a message that getMessages then returns', async () => {
      const sent = await call(server, '/sendMessage', {
        key: 'demo-key',
        body: { scraperName: 'acme-prices', messageType: 'START', message: 'rerun' },
      });
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.json, { success: true, messageId: 'm-9' });
      const listed = await call(server, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
      const created = listed.json.messages.find((m) => m.id === 'm-9');
      const existing = listed.json.messages.find((m) => m.id !== 'm-9');
      assert.ok(created && existing, 'both listed');
      assert.equal(created.message, 'rerun');
      assert.equal(created.scraperId, existing.scraperId);
      assert.ok(!('expiresAt' in created));
      assert.equal(server.messages.at(-1)?.sentBy, 'ada');
    });

    it('stamps createdAt and acknowledgedAt from the injected clock', async () => {
      const fixed = Date.parse('2030-05-01T10:00:00.000Z');
      await withServer({ now: () => fixed }, async (own) => {
        const body = { scraperName: 'acme-prices', messageType: 'KILL_REQUEST' };
        const { json: sent } = await call(own, '/sendMessage', { key: 'demo-key', body });
        const { json: acked } = await call(own, '/ackMessage', { key: 'demo-key', body: { messageId: sent.messageId } });
        assert.equal(own.messages.at(-1)?.createdAt, '2030-05-01T10:00:00.000Z');
        assert.equal(acked.acknowledgedAt, '2030-05-01T10:00:00.000Z');
      });
    });

    it('accepts an expiresAt in the future with a time-zone offset and keeps it as sent', async () => {
      const expiresAt = '2999-01-01T12:00:00+02:00';
      const sent = await call(server, '/sendMessage', {
        key: 'demo-key',
        body: { scraperName: 'weather-feed', messageType: 'KILL_REQUEST', expiresAt },
      });
      assert.equal(sent.status, 200);
      const listed = await call(server, '/getMessages?scraperName=weather-feed', { key: 'demo-key' });
      assert.equal(listed.json.messages[0].expiresAt, expiresAt);
    });

    const invalid: { name: string; body: unknown; contentType?: string; message: RegExp }[] = [
      { name: 'an unknown property', body: { scraperName: 'acme-prices', messageType: 'START', priority: 1 }, message: /'priority'/ },
      { name: 'a 101-character scraperName', body: { scraperName: 'x'.repeat(101), messageType: 'START' }, message: /scraperName/ },
      { name: 'an empty scraperName', body: { scraperName: '', messageType: 'START' }, message: /scraperName/ },
      { name: 'a missing scraperName', body: { messageType: 'START' }, message: /scraperName is required/ },
      { name: 'an unknown messageType', body: { scraperName: 'acme-prices', messageType: 'STOP' }, message: /messageType/ },
      {
        name: 'a non-string message',
        body: { scraperName: 'acme-prices', messageType: 'START', message: 42 },
        message: /message must be a string/,
      },
      {
        name: 'an expiresAt in the past',
        body: { scraperName: 'acme-prices', messageType: 'START', expiresAt: '2020-01-01T00:00:00Z' },
        message: /in the future/,
      },
      {
        name: 'an expiresAt that is not ISO 8601',
        body: { scraperName: 'acme-prices', messageType: 'START', expiresAt: 'tomorrow' },
        message: /ISO 8601/,
      },
      {
        name: 'an expiresAt on a day that does not exist',
        body: { scraperName: 'acme-prices', messageType: 'START', expiresAt: '2999-02-30T00:00:00Z' },
        message: /ISO 8601/,
      },
      { name: 'a JSON array body', body: '[]', message: /JSON object/ },
      { name: 'a malformed JSON body', body: '{"scraperName": ', message: /JSON object/ },
      {
        name: 'a body not declared as JSON',
        body: { scraperName: 'acme-prices', messageType: 'START' },
        contentType: 'text/plain',
        message: /Content-Type/,
      },
    ];
    for (const { name, body, contentType, message } of invalid) {
      it(`rejects ${name} with 400 VALIDATION_ERROR and stores nothing`, async () => {
        const result = await call(server, '/sendMessage', { key: 'admin-key', body, contentType });
        assertError(result, 400, 'VALIDATION_ERROR', message);
        assert.equal(server.messages.length, 8);
      });
    }

    it('accepts a scraperName of exactly 100 characters', async () => {
      const result = await call(server, '/sendMessage', { key: 'admin-key', body: { scraperName: 'x'.repeat(100), messageType: 'START' } });
      assert.equal(result.status, 200);
    });

    it('refuses 403 FORBIDDEN when the operator is not assigned to the scraper', async () => {
      const result = await call(server, '/sendMessage', { key: 'demo-key', body: { scraperName: 'internal-audit', messageType: 'START' } });
      assertError(result, 403, 'FORBIDDEN', 'User is not assigned to this scraper');
      assert.equal(server.messages.length, 8);
    });

    it('lets an admin message any scraper', async () => {
      const result = await call(server, '/sendMessage', {
        key: 'admin-key',
        body: { scraperName: 'nobody-assigned', messageType: 'START' },
      });
      assert.equal(result.status, 200);
      const listed = await call(server, '/getMessages?scraperName=nobody-assigned', { key: 'admin-key' });
      assert.deepEqual(
        listed.json.messages.map((m: { id: string }) => m.id),
        [result.json.messageId],
      );
    });
  });

  describe('ackMessage', () => {
    it('acknowledges a message, which then disappears from getMessages', async () => {
      const result = await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-8' } });
      assert.equal(result.status, 200);
      assert.equal(result.json.success, true);
      assert.ok(Math.abs(Date.parse(result.json.acknowledgedAt ?? '') - Date.now()) < 5_000);
      const listed = await call(server, '/getMessages', { key: 'demo-key' });
      assert.ok(!listed.json.messages.some((m: { id: string }) => m.id === 'm-8'));
      assert.equal(listed.json.messages.length, 4);
    });

    it('answers 409 ALREADY_ACKNOWLEDGED the second time', async () => {
      await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-8' } });
      const again = await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-8' } });
      assertError(again, 409, 'ALREADY_ACKNOWLEDGED', 'Message m-8 was already acknowledged');
    });

    it('answers 404 NOT_FOUND for an unknown id', async () => {
      assertError(await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-999' } }), 404, 'NOT_FOUND');
    });

    it('refuses 403 for a message of a scraper the operator is not assigned to', async () => {
      const audit = server.messages.find((m) => m.scraperName === 'internal-audit');
      const result = await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: audit?.id } });
      assertError(result, 403, 'FORBIDDEN');
      assert.equal(audit?.acknowledgedAt, undefined);
    });

    for (const [name, body] of [
      ['an empty body object', {}],
      ['an empty messageId', { messageId: '' }],
      ['a numeric messageId', { messageId: 8 }],
      ['an extra property', { messageId: 'm-8', force: true }],
    ] as const) {
      it(`rejects ${name} with 400 VALIDATION_ERROR`, async () => {
        assertError(await call(server, '/ackMessage', { key: 'demo-key', body }), 400, 'VALIDATION_ERROR');
        assert.equal(server.messages.find((m) => m.id === 'm-8')?.acknowledgedAt, undefined);
      });
    }
  });

  describe('userSettings, version and routing', () => {
    it('returns the profile of the key owner', async () => {
      const result = await call(server, '/userSettings', { key: 'demo-key' });
      assert.deepEqual(result.json, {
        success: true,
        data: {
          username: 'ada',
          email: 'ada@example.com',
          fullname: 'Ada Operator',
          roles: ['operator'],
          scraperAssignments: ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
        },
      });
    });

    it('returns the version, configurable per server', async () => {
      assert.deepEqual((await call(server, '/version', { key: 'demo-key' })).json, { success: true, version: '1.0.0' });
      await withServer({ version: '2.3.4' }, async (own) => {
        assert.equal((await call(own, '/version', { key: 'demo-key' })).json.version, '2.3.4');
      });
    });

    it('serves under a custom base path', async () => {
      await withServer({ basePath: '/api/v1/' }, async (own) => {
        assert.match(own.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
        assert.equal((await call(own, '/version', { key: 'demo-key' })).status, 200);
      });
    });

    it('answers 404 NOT_FOUND for an unknown path or one outside the base path', async () => {
      assertError(await call(server, '/deleteEverything', { key: 'demo-key' }), 404, 'NOT_FOUND');
      const outside = await fetch(`${server.origin}/version`, { headers: { 'x-api-key': 'demo-key' } });
      assert.equal(outside.status, 404);
    });

    it('answers 405 METHOD_NOT_ALLOWED with an Allow header for the wrong method', async () => {
      const result = await call(server, '/getMessages', { key: 'demo-key', method: 'POST', body: {} });
      assertError(result, 405, 'METHOD_NOT_ALLOWED');
      assert.equal(result.headers.get('allow'), 'GET');
    });

    it('answers 413 for a body over 1 MB', async () => {
      const body = { scraperName: 'acme-prices', messageType: 'START', message: 'x'.repeat(1024 * 1024) };
      assertError(await call(server, '/sendMessage', { key: 'demo-key', body }), 413, 'PAYLOAD_TOO_LARGE');
      assert.equal(server.messages.length, 8);
    });
  });

  describe('faults', () => {
    it('replies with a fault status, raw body and headers', async () => {
      server.addFault({
        operation: 'getMessages',
        status: 502,
        body: '<html>Bad gateway</html>',
        headers: { 'Content-Type': 'text/html' },
      });
      const result = await call(server, '/getMessages', { key: 'demo-key' });
      assert.equal(result.status, 502);
      assert.equal(result.text, '<html>Bad gateway</html>');
      assert.equal(result.headers.get('content-type'), 'text/html');
    });

    it('sends a standard ErrorResponse for an error status without body', async () => {
      server.addFault({ status: 500 });
      assertError(await call(server, '/version', { key: 'demo-key' }), 500, 'INJECTED_FAULT');
    });

    it('applies a fault only to its operation', async () => {
      server.addFault({ operation: 'sendMessage', status: 500 });
      assert.equal((await call(server, '/version', { key: 'demo-key' })).status, 200);
    });

    it('delays and then answers normally when the fault has only delayMs', async () => {
      server.addFault({ operation: 'version', delayMs: 200 });
      const started = Date.now();
      const result = await call(server, '/version', { key: 'demo-key' });
      assert.ok(Date.now() - started >= 190, `answered after ${Date.now() - started} ms`);
      assert.equal(result.status, 200);
    });

    it('applies a fault with times=1 once, then answers normally', async () => {
      server.addFault({ operation: 'version', times: 1, status: 503, headers: { 'Retry-After': '1' } });
      const first = await call(server, '/version', { key: 'demo-key' });
      const second = await call(server, '/version', { key: 'demo-key' });
      assert.equal(first.status, 503);
      assert.equal(first.headers.get('retry-after'), '1');
      assert.equal(second.status, 200);
    });

    it('uses the first matching fault in insertion order', async () => {
      server.addFault({ operation: 'version', times: 1, status: 418 });
      server.addFault({ status: 500 });
      assert.equal((await call(server, '/version', { key: 'demo-key' })).status, 418);
      assert.equal((await call(server, '/version', { key: 'demo-key' })).status, 500);
    });

    it('stops applying faults after clearFaults()', async () => {
      server.addFault({ status: 500 });
      server.clearFaults();
      assert.equal((await call(server, '/version', { key: 'demo-key' })).status, 200);
    });

    it('with afterHandling changes state but replies with the fault', async () => {
      server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, status: 500 });
      const lost = await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-8' } });
      assert.equal(lost.status, 500);
      assert.ok(server.messages.find((m) => m.id === 'm-8')?.acknowledgedAt);
      assertError(await call(server, '/ackMessage', { key: 'demo-key', body: { messageId: 'm-8' } }), 409, 'ALREADY_ACKNOWLEDGED');
    });

    it('with afterHandling and delayMs stores the message first, then answers late', async () => {
      server.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, delayMs: 400 });
      const started = Date.now();
      const result = await call(server, '/sendMessage', {
        key: 'demo-key',
        body: { scraperName: 'acme-prices', messageType: 'START', message: 'slow' },
      });
      const storedAfter = Date.parse(server.messages.find((m) => m.message === 'slow')!.createdAt) - started;
      assert.ok(storedAfter < 200, `stored ${storedAfter} ms after the request, before the delay`);
      assert.ok(Date.now() - started >= 390, 'answered after the delay');
      assert.equal(result.status, 200);
    });

    it('with destroySocket makes fetch fail with a network error', async () => {
      server.addFault({ operation: 'sendMessage', destroySocket: true, afterHandling: true });
      const body = { scraperName: 'acme-prices', messageType: 'START' };
      await assert.rejects(call(server, '/sendMessage', { key: 'demo-key', body }), TypeError);
      assert.equal(server.messages.length, 9);
    });

    it('sends a redirect with its Location header', async () => {
      const location = 'https://elsewhere.example/scrapehub/api/version';
      server.addFault({ operation: 'version', status: 307, headers: { Location: location } });
      const result = await call(server, '/version', { key: 'demo-key', redirect: 'manual' });
      assert.equal(result.status, 307);
      assert.equal(result.headers.get('location'), location);
    });

    it('records every request with its key, query and parsed body, faults included', async () => {
      server.addFault({ operation: 'ackMessage', status: 500 });
      await call(server, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
      await call(server, '/ackMessage', { key: 'admin-key', body: { messageId: 'm-1' } });
      await call(server, '/version');
      assert.deepEqual(
        server.requests.map(({ method, path, query, apiKey, body }) => ({ method, path, query, apiKey, body })),
        [
          { method: 'GET', path: '/getMessages', query: { scraperName: 'acme-prices' }, apiKey: 'demo-key', body: undefined },
          { method: 'POST', path: '/ackMessage', query: {}, apiKey: 'admin-key', body: { messageId: 'm-1' } },
          { method: 'GET', path: '/version', query: {}, apiKey: undefined, body: undefined },
        ],
      );
      assert.equal(server.requests[0].host, new URL(server.origin).host);
    });
  });

  describe('state and seeds', () => {
    it('reset() restores seed messages and strictness and drops faults and recorded requests', async () => {
      await call(server, '/sendMessage', { key: 'demo-key', body: { scraperName: 'acme-prices', messageType: 'START' } });
      server.addFault({ status: 500 });
      server.setStrict(true);
      server.reset();
      assert.equal(server.messages.length, 8);
      assert.equal(server.requests.length, 0);
      assert.equal((await call(server, '/getMessages', { key: 'demo-key' })).status, 200);
    });

    it('addMessage bypasses validation so unknown message types reach clients', async () => {
      const added = server.addMessage({ scraperName: 'acme-prices', messageType: 'PAUSE' });
      const listed = await call(server, '/getMessages?scraperName=acme-prices', { key: 'demo-key' });
      assert.equal(added.id, 'm-9');
      assert.ok(listed.json.messages.some((m: { id: string; messageType: string }) => m.id === 'm-9' && m.messageType === 'PAUSE'));
    });

    it('addUser makes a new key valid', async () => {
      server.addUser({ apiKey: 'new-key', username: 'nia', email: 'nia@example.com', roles: [], scraperAssignments: [] });
      assert.equal((await call(server, '/userSettings', { key: 'new-key' })).json.data.username, 'nia');
    });

    it('does not let a test that edits its users change DEMO_USERS', () => {
      server.users[0].scraperAssignments.push('tampered');
      assert.ok(!DEMO_USERS[0].scraperAssignments.includes('tampered'));
    });

    it('starts without messages for the empty seed', async () => {
      await withServer({ seed: 'empty' }, async (own) => {
        assert.equal(own.messages.length, 0);
        assert.deepEqual((await call(own, '/getMessages', { key: 'admin-key' })).json.messages, []);
      });
    });

    it('generates 10,000 pending messages round-robin over the scrapers, visible to demo-key', async () => {
      await withServer({ seed: { scrapers: 25, messages: 10_000 } }, async (own) => {
        const ids = new Set(own.messages.map((m) => m.id));
        const listed = await call(own, '/getMessages', { key: 'demo-key' });
        const expiring = own.messages.filter((m) => m.expiresAt !== undefined).length;
        assert.equal(ids.size, 10_000);
        assert.equal(listed.json.messages.length, 10_000);
        assert.equal(own.messages.filter((m) => m.scraperName === 'scraper-001').length, 400);
        assert.ok(expiring > 3_000 && expiring < 3_500, `${expiring} expiring`);
        assert.deepEqual(new Set(own.messages.map((m) => m.messageType)), new Set(['START', 'KILL_REQUEST']));
        assert.equal((await call(own, '/userSettings', { key: 'demo-key' })).json.data.scraperAssignments.length, 25);
        assert.equal((await call(own, '/version', { key: 'admin-key' })).status, 200);
      });
    });

    // Its speed is measured by the benchmark, not asserted here: a timed test flakes under load.
    it('generates 50,000 messages deterministically', async () => {
      const seed = { scrapers: 200, messages: 50_000 };
      const now = () => Date.parse('2030-01-01T00:00:00Z');
      const first = await startScrapeHubServer({ seed, now });
      const second = await startScrapeHubServer({ seed, now });
      try {
        assert.equal(first.messages.length, 50_000);
        assert.deepEqual(first.messages, second.messages);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it('close() finishes although a request hangs and another is delayed', async () => {
      const own = await startScrapeHubServer();
      own.addFault({ operation: 'version', hang: true });
      own.addFault({ operation: 'userSettings', delayMs: 60_000 });
      const hanging = call(own, '/version', { key: 'demo-key' }).catch((err: unknown) => err);
      const delayed = call(own, '/userSettings', { key: 'demo-key' }).catch((err: unknown) => err);
      while (own.requests.length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const started = Date.now();
      await own.close();
      assert.ok(Date.now() - started < 10_000, `close took ${Date.now() - started} ms`);
      assert.ok((await hanging) instanceof TypeError);
      assert.ok((await delayed) instanceof TypeError);
    });
  });
});
