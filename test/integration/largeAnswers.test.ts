import * as assert from 'node:assert/strict';
import { connect, extensionApi, setServerUrl, startServer } from './harness';

describe('Large answers', () => {
  it('parses a large answer in the worker thread, with exactly the messages the server has', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const server = await startServer({ seed: { messages: 3_000, scrapers: 30 } });
    try {
      await connect(api, server);
      const shown = api.store.groups().flatMap((group) => group.messages.map((message) => message.id)).sort();
      assert.deepEqual(shown, server.messages.filter((message) => !message.acknowledgedAt).map((message) => message.id).sort());
      assert.deepEqual(api.logLines.filter((line) => line.includes('[parse worker]')), [], 'no worker failure was logged');
    } finally {
      await setServerUrl(undefined);
      await server.close();
    }
  });
});
