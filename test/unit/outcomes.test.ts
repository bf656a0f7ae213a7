import * as assert from 'node:assert/strict';
import { ScrapeHubClient, type ScrapeHubClientOptions } from '../../src/api/client';
import { ScrapeHubError } from '../../src/api/errors';
import type { Fault, RunningScrapeHubServer } from '../server/scrapeHubServer';
import { startScrapeHubServer } from '../server/scrapeHubServer';

const SEND = { scraperName: 'acme-prices', messageType: 'START' } as const;

/**
 * Every failed request is one of two outcomes besides success: the server certainly did
 * not act (`mayHaveReachedServer` false: offer a plain Retry) or it may have acted (true:
 * reconcile first). Each row here is checked against what the local server really did.
 */
describe('three outcomes of a failed request', () => {
  let server: RunningScrapeHubServer;
  before(async () => (server = await startScrapeHubServer({ seed: 'demo' })));
  after(() => server.close());
  beforeEach(() => server.reset());

  function client(options: Partial<ScrapeHubClientOptions> = {}): ScrapeHubClient {
    return new ScrapeHubClient({
      address: { baseUrl: server.baseUrl, origin: server.origin },
      getApiKey: async () => 'demo-key',
      timeoutMs: 300,
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<ScrapeHubError> {
    const error = await promise.then(
      () => assert.fail('expected the call to fail'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ScrapeHubError, `expected a ScrapeHubError, got ${String(error)}`);
    return error;
  }

  function sends(): number {
    return server.requests.filter((request) => request.path === '/sendMessage').length;
  }

  describe('the server certainly did not act', () => {
    const refusals: [string, Fault][] = [
      ['400', { status: 400 }],
      ['401', { status: 401 }],
      ['403', { status: 403 }],
      ['422', { status: 422 }],
      ['429', { status: 429, headers: { 'Retry-After': '5' } }],
      ['429 without Retry-After', { status: 429 }],
      ['501', { status: 501 }],
      ['503 with Retry-After', { status: 503, headers: { 'Retry-After': '30' } }],
      ['200 with an ErrorResponse FORBIDDEN', { status: 200, body: { success: false, code: 'FORBIDDEN', message: 'no' } }],
      ['200 with an ErrorResponse VALIDATION_ERROR', { status: 200, body: { success: false, code: 'VALIDATION_ERROR', message: 'no' } }],
    ];
    for (const [name, fault] of refusals) {
      it(`on ${name}`, async () => {
        const before = server.messages.length;
        server.addFault({ operation: 'sendMessage', ...fault });
        const error = await failure(client().sendMessage(SEND));
        assert.equal(error.mayHaveReachedServer, false, `${error.kind}: ${error.message}`);
        assert.equal(server.messages.length, before);
      });
    }

    it('when the connection is refused', async () => {
      const closed = await startScrapeHubServer({ seed: 'empty' });
      await closed.close();
      const error = await failure(client({ address: { baseUrl: closed.baseUrl, origin: closed.origin } }).sendMessage(SEND));
      assert.equal(error.kind, 'network');
      assert.equal(error.mayHaveReachedServer, false);
    });

    it('when the host name does not resolve', async () => {
      const address = { baseUrl: 'http://no-such-host.invalid/scrapehub/api', origin: 'http://no-such-host.invalid' };
      const error = await failure(client({ address, timeoutMs: 5_000 }).sendMessage(SEND));
      assert.equal(error.kind, 'network', error.message);
      assert.equal(error.mayHaveReachedServer, false);
    });

    it('when the server or key changed, or no key is stored: nothing is sent', async () => {
      const changed = await failure(client({ isCurrent: () => false }).sendMessage(SEND));
      const noKey = await failure(client({ getApiKey: async () => undefined }).sendMessage(SEND));
      assert.deepEqual(
        [changed.kind, changed.mayHaveReachedServer, noKey.kind, noKey.mayHaveReachedServer],
        ['serverChanged', false, 'notConfigured', false],
      );
      assert.equal(sends(), 0);
    });

    it('when the caller cancelled before it was sent', async () => {
      const error = await failure(client().sendMessage(SEND, { signal: AbortSignal.abort() }));
      assert.deepEqual([error.kind, error.mayHaveReachedServer], ['aborted', false]);
      assert.equal(sends(), 0);
    });
  });

  describe('the outcome is unknown, and the server did act', () => {
    const unknowns: [string, Fault][] = [
      ['a timeout', { hang: true }],
      ['a connection reset', { destroySocket: true }],
      ['408', { status: 408 }],
      ['500', { status: 500 }],
      ['502', { status: 502 }],
      ['503 without Retry-After', { status: 503 }],
      ['503 with an unreadable Retry-After', { status: 503, headers: { 'Retry-After': 'soon' } }],
      ['504', { status: 504 }],
      ...[520, 521, 522, 523, 524].map((status): [string, Fault] => [
        `${status} from a CDN`,
        { status, body: '<html>origin error</html>', headers: { 'Content-Type': 'text/html' } },
      ]),
      ['404 on a POST', { status: 404 }],
      ['409', { status: 409 }],
      ['a redirect', { status: 302, headers: { Location: 'https://elsewhere.example/' } }],
      ['a 2xx that is not JSON', { status: 200, body: '<html>ok</html>' }],
      ['a 2xx with an empty body', { status: 204 }],
      ['a 2xx whose success is not true', { status: 200, body: { success: 'yes', messageId: 'm-1' } }],
      ['a 2xx with success false but no code', { status: 200, body: { success: false } }],
      [
        'a 2xx with an ErrorResponse for a server error',
        { status: 200, body: { success: false, code: 'INTERNAL_ERROR', message: 'oops' } },
      ],
      ['a 2xx without messageId', { status: 200, body: { success: true } }],
      ['a 2xx whose messageId is not a string', { status: 200, body: { success: true, messageId: 17 } }],
    ];
    for (const [name, fault] of unknowns) {
      it(`on ${name}`, async () => {
        const before = server.messages.length;
        server.addFault({ operation: 'sendMessage', afterHandling: true, ...fault });
        const error = await failure(client().sendMessage(SEND));
        assert.equal(error.mayHaveReachedServer, true, `${error.kind}: ${error.message}`);
        assert.equal(server.messages.length, before + 1, 'the server stored the message');
        assert.equal(sends(), 1, 'and it was sent once, never retried');
      });
    }

    it('on an abort after the request went out', async () => {
      server.addFault({ operation: 'sendMessage', afterHandling: true, hang: true });
      const controller = new AbortController();
      const pending = client({ timeoutMs: 5_000 }).sendMessage(SEND, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const error = await failure(pending);
      assert.deepEqual([error.kind, error.mayHaveReachedServer], ['aborted', true]);
      assert.equal(sends(), 1);
    });

    it('on an acknowledgement answered without acknowledgedAt, or with one that is not a string', async () => {
      const pending = server.messages.filter((message) => !message.acknowledgedAt && message.scraperName === 'acme-prices');
      for (const [message, body] of [
        [pending[0], { success: true }],
        [pending[1], { success: true, acknowledgedAt: 1 }],
      ] as const) {
        server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, status: 200, body });
        const error = await failure(client().ackMessage(message.id));
        assert.deepEqual([error.kind, error.mayHaveReachedServer], ['badResponse', true]);
        assert.ok(server.messages.find((stored) => stored.id === message.id)?.acknowledgedAt, 'the server did acknowledge it');
      }
    });
  });
});
