import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { ScrapeHubClient } from '../../src/api/client';
import { ScrapeHubError } from '../../src/api/errors';
import { parseServerUrl } from '../../src/api/serverUrl';

/**
 * The client's transport (src/api/nodeFetch.ts) against odd but legal answers from a raw
 * HTTP server on loopback: what fetch would have done for us must still happen, and what
 * fetch would have refused must end in a ScrapeHubError, never in a crash.
 */
describe('The transport (node:http) against odd but legal answers', () => {
  let server: http.Server;
  let answer: (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;
  let received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ headers: request.headers, body });
        answer(request, response, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    received = [];
  });

  function client(): ScrapeHubClient {
    const parsed = parseServerUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);
    assert.ok(parsed.ok);
    return new ScrapeHubClient({ address: parsed.address, getApiKey: () => Promise.resolve('k'), timeoutMs: 2_000 });
  }

  function json(encoding: string, encode: (bytes: Buffer) => Buffer) {
    return (_request: http.IncomingMessage, response: http.ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(encode(Buffer.from(JSON.stringify({ success: true, version: `v-${encoding}` }))));
    };
  }

  for (const [encoding, encode] of [
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const) {
    it(`reads a ${encoding}-compressed answer, as fetch would`, async () => {
      answer = json(encoding, encode);
      assert.equal(await client().getVersion(), `v-${encoding}`);
      assert.match(String(received[0].headers['accept-encoding']), new RegExp(`\\b${encoding}\\b`));
    });
  }

  it('sends a POST body with its Content-Length, not chunked, and the key only in x-api-key', async () => {
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: true, acknowledgedAt: '2026-12-01T10:00:00Z' }));
    };
    await client().ackMessage('m-1');
    const [{ headers, body }] = received;
    assert.deepEqual(JSON.parse(body), { messageId: 'm-1' });
    assert.equal(headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(headers['transfer-encoding'], undefined);
    assert.equal(headers['x-api-key'], 'k');
  });

  async function failure(promise: Promise<unknown>): Promise<ScrapeHubError> {
    const error = await promise.then(
      () => assert.fail('expected a ScrapeHubError'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ScrapeHubError, `not a ScrapeHubError: ${String(error)}`);
    return error;
  }

  it('turns a status outside 200–599 into an unknown-outcome network error, without crashing', async () => {
    answer = (_request, response) => {
      response.writeHead(999, { 'content-type': 'application/json' });
      response.end('{}');
    };
    const error = await failure(client().ackMessage('m-1'));
    assert.equal(error.kind, 'network');
    assert.equal(error.mayHaveReachedServer, true, 'the server got the request');
  });

  it('refuses a 204 to an acknowledgement as a bad answer: no acknowledgedAt', async () => {
    answer = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    assert.equal((await failure(client().ackMessage('m-1'))).kind, 'badResponse');
  });

  it('refuses a body that says it is gzip but is not', async () => {
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end('{"success":true,"version":"plain"}');
    };
    assert.equal((await failure(client().getVersion())).kind, 'network');
  });

  it('reads a large answer that arrives in many small pieces, whole and in order', async () => {
    const messages = Array.from({ length: 20_000 }, (_, i) => ({
      id: `m-${i}`,
      scraperId: 's',
      scraperName: `scraper-${i % 7}`,
      messageType: 'START',
      createdAt: '2026-12-01T00:00:00Z',
    }));
    const body = Buffer.from(JSON.stringify({ success: true, messages }));
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      let offset = 0;
      const next = () => {
        if (offset >= body.length) return void response.end();
        response.write(body.subarray(offset, (offset += 4_096)));
        setImmediate(next);
      };
      next();
    };
    const read = await client().getMessages();
    assert.deepEqual(
      read.map((message) => message.id),
      messages.map((message) => message.id),
    );
  });

  it('fails an answer cut off before its end at once, as a network error, not a timeout', async () => {
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"success":true,"version":"');
      setTimeout(() => response.socket?.destroy(), 50);
    };
    const started = Date.now();
    const error = await failure(client().getVersion());
    assert.equal(error.kind, 'network');
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms: it waited for the 2 s timeout`);
  });
});
