import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScrapeHubClient } from '../../src/api/client';
import { ScrapeHubError } from '../../src/api/errors';
import { parseServerUrl } from '../../src/api/serverUrl';
import { deserializeParsed, fromColumns, type ParseReply } from '../../src/api/worker/messagesWire';
import { ParseWorkerClient, type BodyParser, type WorkerProblem } from '../../src/api/worker/parseWorkerClient';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';

/** tsc's output of src/api/worker/parseWorker.ts, which the extension ships as dist/parseWorker.js. */
const WORKER_SCRIPT = path.join(__dirname, '..', '..', 'src', 'api', 'worker', 'parseWorker.js');

function bytesOf(value: unknown): ArrayBuffer {
  const encoded = new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
  return encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength);
}

/** Counts what the worker really parsed, so a test can tell the worker path from the fallback. */
class CountingParser implements BodyParser {
  readonly replies: ParseReply['kind'][] = [];
  constructor(private readonly inner: BodyParser) {}
  async parse(bytes: ArrayBuffer): Promise<ParseReply | undefined> {
    const reply = await this.inner.parse(bytes);
    this.replies.push(reply?.kind ?? ('none' as ParseReply['kind']));
    return reply;
  }
}

describe('parse worker', () => {
  let worker: ParseWorkerClient;
  before(() => {
    worker = new ParseWorkerClient(WORKER_SCRIPT);
  });
  after(() => worker.dispose());

  it('checks the messages and hands them back as columns, the rest of the body as it was', async () => {
    const message = {
      id: 'm1',
      scraperId: 's1',
      scraperName: 'acme',
      messageType: 'START',
      createdAt: '2026-11-29T12:00:00.000Z',
      extra: 'dropped',
    };
    const reply = await worker.parse(
      bytesOf({ success: true, messages: [message, { ...message, id: 'm2', message: 'hi' }], note: 'kept' }),
    );
    assert.equal(reply?.kind, 'messages');
    assert.ok(reply?.kind === 'messages');
    const { rest, columns } = deserializeParsed(reply.payload);
    assert.deepEqual(rest, { success: true, note: 'kept' });
    assert.deepEqual(fromColumns(columns), [
      {
        id: 'm1',
        scraperId: 's1',
        scraperName: 'acme',
        messageType: 'START',
        createdAt: '2026-11-29T12:00:00.000Z',
        message: undefined,
        expiresAt: undefined,
      },
      {
        id: 'm2',
        scraperId: 's1',
        scraperName: 'acme',
        messageType: 'START',
        createdAt: '2026-11-29T12:00:00.000Z',
        message: 'hi',
        expiresAt: undefined,
      },
    ]);
    assert.deepEqual(columns.scraperName.values, ['acme'], 'a repeated value travels once');
  });

  it('returns the text for anything but a clean success body, so the main thread reports it as always', async () => {
    for (const body of [
      '<html>login</html>',
      JSON.stringify({ success: false, code: 'X' }),
      JSON.stringify({ success: true, messages: [{ id: 'm1' }] }),
    ]) {
      const reply = await worker.parse(bytesOf(body));
      assert.deepEqual(reply && { kind: reply.kind, text: reply.kind === 'text' ? reply.text : undefined }, { kind: 'text', text: body });
    }
  });

  it('falls back (undefined) and says why when the worker cannot start', async () => {
    const problems: WorkerProblem[] = [];
    const missing = new ParseWorkerClient(path.join(__dirname, 'no-such-worker.js'), (reason) => problems.push(reason));
    assert.equal(await missing.parse(bytesOf({ success: true, messages: [] })), undefined);
    assert.equal(await missing.parse(bytesOf({ success: true, messages: [] })), undefined);
    assert.equal(problems.length, 1, 'reported once, then parsing stays on the main thread');
    missing.dispose();
  });

  it('gives up on a worker that never answers, and parsing moves back to the main thread', async () => {
    const silent = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scrapehub-worker-')), 'silent.js');
    fs.writeFileSync(silent, 'setInterval(() => undefined, 1000);');
    const problems: WorkerProblem[] = [];
    const stuck = new ParseWorkerClient(silent, (reason) => problems.push(reason), 300);
    try {
      assert.equal(await stuck.parse(bytesOf({ success: true, messages: [] })), undefined);
      assert.deepEqual(problems, [{ silentForMs: 300 }]);
      assert.equal(await stuck.parse(bytesOf({ success: true, messages: [] })), undefined, 'no second wait');
    } finally {
      stuck.dispose();
      fs.rmSync(path.dirname(silent), { recursive: true, force: true });
    }
  });

  it('stops an idle worker to give its memory back, and starts a new one when asked again', async () => {
    const problems: WorkerProblem[] = [];
    const idle = new ParseWorkerClient(WORKER_SCRIPT, (reason) => problems.push(reason), 10_000, 100);
    try {
      assert.equal((await idle.parse(bytesOf({ success: true, messages: [] })))?.kind, 'messages');
      assert.equal(idle.running, true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(idle.running, false, 'stopped after 100 ms without work');
      assert.equal((await idle.parse(bytesOf({ success: true, messages: [] })))?.kind, 'messages', 'a new worker answered');
      assert.deepEqual(problems, [], 'stopping an idle worker is not a failure');
    } finally {
      idle.dispose();
    }
  });

  describe('in the client, against the local server', () => {
    let server: RunningScrapeHubServer;
    before(async () => {
      server = await startScrapeHubServer({ seed: { messages: 3_000, scrapers: 60 } });
    });
    after(() => server.close());

    function client(bodyParser?: BodyParser): ScrapeHubClient {
      const parsed = parseServerUrl(server.baseUrl);
      assert.ok(parsed.ok);
      return new ScrapeHubClient({ address: parsed.address, getApiKey: async () => 'demo-key', bodyParser });
    }

    it('gets exactly the messages the main-thread path gets, parsed by the worker', async () => {
      const counting = new CountingParser(worker);
      const viaWorker = await client(counting).getMessages();
      const onMainThread = await client().getMessages();
      assert.deepEqual(counting.replies, ['messages'], 'the worker parsed the body');
      assert.equal(viaWorker.length, 3_000);
      assert.deepEqual(viaWorker, onMainThread);
    });

    it('hands a rebuilt answer on only after a turn of the event loop, so rebuilding and grouping are two blocks', async () => {
      let turned = false;
      const parser: BodyParser = {
        parse: async (bytes) => {
          const reply = await worker.parse(bytes);
          setImmediate(() => (turned = true));
          return reply;
        },
      };
      const messages = await client(parser).getMessages();
      assert.equal(messages.length, 3_000);
      assert.ok(turned, 'the messages came back in the same turn as the worker answer');
    });

    it('agrees with the main thread on odd messages: any type, long texts, repeated ids', async () => {
      const odd = Array.from({ length: 3_000 }, (_, i) => ({
        id: `m${i % 2_000}`,
        scraperId: 's',
        scraperName: i % 3 ? 'a' : '<b>\u202e',
        messageType: i % 2 ? `TYPE_${i}` : 'KILL_REQUEST',
        createdAt: '2026-11-29T12:00:00+01:00',
        message: `${i} `.repeat(i % 7 ? 1 : 500),
      }));
      server.addFault({ operation: 'getMessages', times: 2, status: 200, body: { success: true, messages: odd } });
      const counting = new CountingParser(worker);
      const viaWorker = await client(counting).getMessages();
      assert.deepEqual(counting.replies, ['messages'], 'the worker parsed the body');
      assert.deepEqual(viaWorker, await client().getMessages());
      assert.equal(viaWorker.length, 2_000, 'one message per id');
      assert.equal(viaWorker[1].message, odd[1].message, 'the first of each id is kept');
    });

    it('still reports a broken message the way the main thread does', async () => {
      const good = Array.from({ length: 2_000 }, (_, i) => ({
        id: `m${i}`,
        scraperId: 's',
        scraperName: 'a',
        messageType: 'START',
        createdAt: '2026-11-29T12:00:00.000Z',
      }));
      server.addFault({ operation: 'getMessages', times: 1, status: 200, body: { success: true, messages: [...good, { id: 'x' }] } });
      const counting = new CountingParser(worker);
      await assert.rejects(
        client(counting).getMessages(),
        (error: unknown) =>
          error instanceof ScrapeHubError && error.kind === 'badResponse' && /messages\[2000\]\.scraperId/.test(error.message),
      );
      assert.deepEqual(counting.replies, ['text']);
    });
  });
});
