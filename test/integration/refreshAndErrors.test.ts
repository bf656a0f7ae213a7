import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connect, connectedSuite, recordNotices, scraperNodes, startServer } from './harness';

describe('Refresh and failures', () => {
  const suite = connectedSuite();
  afterEach(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('keeps the last data, marked stale, when the server becomes unreachable, and recovers', async () => {
    const shown = scraperNodes(suite.api).map((n) => n.name);
    suite.server.addFault({ destroySocket: true });
    await suite.api.store.refresh({ manual: true });
    assert.equal(suite.api.store.state, 'unreachable');
    assert.ok(suite.api.store.isStale);
    assert.deepEqual(
      scraperNodes(suite.api).map((n) => n.name),
      shown,
    );
    assert.match(suite.api.view.treeView.message ?? '', /Showing data from .*last refresh failed/);
    suite.server.clearFaults();
    await suite.api.store.refresh();
    assert.equal(suite.api.store.state, 'ok');
    assert.equal(suite.api.view.treeView.message, undefined);
  });

  for (const [name, fault] of [
    ['malformed JSON', { status: 200, body: '{"success": tru' }],
    ['an HTML login page', { status: 200, body: '<html><body>Proxy login</body></html>', headers: { 'Content-Type': 'text/html' } }],
    ['a body that does not match the schema', { status: 200, body: { success: true, messages: 'none' } }],
    ['success:false with HTTP 200', { status: 200, body: { success: false, code: 'MAINTENANCE', message: 'Down for maintenance' } }],
  ] as const) {
    it(`handles ${name}: clear error, stale data kept`, async () => {
      suite.server.addFault({ operation: 'getMessages', ...fault });
      const notices = recordNotices(suite.api);
      await vscode.commands.executeCommand('scrapehub.refresh');
      assert.ok(suite.api.store.isStale);
      assert.ok(scraperNodes(suite.api).length > 0);
      const error = notices.find((n) => n.severity === 'error');
      assert.ok(error, 'a manual refresh says what went wrong');
      assert.match(error.message, /^Could not refresh ScrapeHub messages: /);
      assert.ok(!/\{|\}/.test(error.message), `no raw JSON in: ${error.message}`);
      assert.ok(error.actions.includes('Show Log'));
    });
  }

  for (const [name, fault] of [
    [
      'HTTP 200 with success:false',
      { status: 200, body: { success: false, code: 'MAINTENANCE', message: 'Down for maintenance **now**', traceId: 'trace-200-abc' } },
    ],
    [
      'HTTP 500 with an ErrorResponse',
      { status: 500, body: { success: false, code: 'DB_OFFLINE', message: 'Database offline', traceId: 'trace-500-def' } },
    ],
  ] as const) {
    it(`on the first load, ${name} shows the server's words, code and trace id in the view`, async () => {
      const fresh = await startServer();
      try {
        fresh.addFault({ operation: 'getMessages', ...fault });
        await connect(suite.api, fresh);
        assert.equal(suite.api.store.state, 'serverError');
        assert.deepEqual(suite.api.view.provider.getChildren(), []);
        const shown = suite.api.view.treeView.message ?? '';
        assert.ok(shown.includes(fault.body.message), `the server's words, exactly: ${shown}`);
        assert.ok(shown.includes(fault.body.code) && shown.includes(fault.body.traceId), `code and trace id: ${shown}`);
        assert.match(shown, /Refresh/);
        assert.doesNotMatch(shown, /could not be reached|network/i);
      } finally {
        await fresh.close();
      }
    });
  }

  it('shows the unreachable state when there is no earlier data', async () => {
    const gone = await startServer();
    const url = gone.baseUrl;
    await gone.close();
    await connect(suite.api, { ...suite.server, baseUrl: url });
    assert.equal(suite.api.store.state, 'unreachable');
    assert.equal(suite.api.view.treeView.message, undefined, 'the welcome content says it could not be reached');
    assert.deepEqual(suite.api.view.provider.getChildren(), []);
  });
});
