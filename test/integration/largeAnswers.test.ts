import * as assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { connect, extensionApi, setServerUrl, startServer } from './harness';

describe('Large answers', () => {
  it('parses a large answer in the worker thread, with exactly the messages the server has', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const server = await startServer({ seed: { messages: 3_000, scrapers: 30 } });
    // The extension runs in this process: Node's own 'worker' event counts the threads it
    // starts, and a listener on each counts its replies, without a hook in the extension.
    // The worker starts on first use; no earlier suite sends an answer large enough.
    let replies = 0;
    const started: Worker[] = [];
    const onWorker = (worker: Worker) => {
      started.push(worker);
      worker.on('message', () => replies++);
    };
    process.on('worker', onWorker);
    try {
      await connect(api, server);
      assert.equal(started.length, 1, 'one worker thread started');
      assert.ok(replies >= 1, 'the worker answered');
      const shown = api.store
        .groups()
        .flatMap((group) => group.messages.map((message) => message.id))
        .sort();
      assert.deepEqual(
        shown,
        server.messages
          .filter((message) => !message.acknowledgedAt)
          .map((message) => message.id)
          .sort(),
      );
      assert.deepEqual(
        api.logLines.filter((line) => line.includes('[parse worker]')),
        [],
        'no worker failure was logged',
      );
    } finally {
      process.off('worker', onWorker);
      await setServerUrl(undefined);
      await server.close();
    }
  });
});
