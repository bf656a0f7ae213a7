import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connect, connectedSuite, recordNotices, scraperNodes, setApiKey, startServer, waitFor } from './harness';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';

describe('Refresh and failures', () => {
  const suite = connectedSuite();
  afterEach(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  const messageRequests = () => suite.server.requests.filter((r) => r.path === '/getMessages');

  it('keeps one request in flight: concurrent refreshes collapse into at most one more', async () => {
    suite.server.addFault({ operation: 'getMessages', delayMs: 300 });
    const before = messageRequests().length;
    await Promise.all([1, 2, 3, 4, 5].map(() => suite.api.store.refresh()));
    assert.equal(messageRequests().length - before, 2);
  });

  it('refreshes on the configured interval while the view is visible', async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    await waitFor(() => suite.api.view.treeView.visible, 'view visible');
    const start = messageRequests().length;
    await waitFor(() => messageRequests().length >= start + 2, 'two timer refreshes', 14_000);
    const [a, b] = messageRequests().slice(-2).map((r) => r.at);
    assert.ok(b - a >= 4_500, `interval between refreshes was ${b - a} ms`);
  });

  it('treats values between 1 and 4 as 5 seconds and 0 as off', async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = messageRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.equal(messageRequests().length, start, 'no timer refresh when off');
  });

  it('keeps the last data, marked stale, when the server becomes unreachable, and recovers', async () => {
    const shown = scraperNodes(suite.api).map((n) => n.name);
    suite.server.addFault({ destroySocket: true });
    await suite.api.store.refresh({ manual: true });
    assert.equal(suite.api.store.state, 'unreachable');
    assert.ok(suite.api.store.isStale);
    assert.deepEqual(scraperNodes(suite.api).map((n) => n.name), shown);
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

  it('honours Retry-After, also for a manual refresh, and says when the next try is', async () => {
    suite.server.addFault({ operation: 'getMessages', times: 1, status: 429, headers: { 'Retry-After': '30' }, body: { success: false, code: 'RATE_LIMITED', message: 'Slow down' } });
    await suite.api.store.refresh({ manual: true });
    assert.ok(suite.api.store.retryNotBefore > Date.now() + 25_000);
    const notices = recordNotices(suite.api);
    const before = messageRequests().length;
    await vscode.commands.executeCommand('scrapehub.refresh');
    assert.equal(messageRequests().length, before, 'no request before Retry-After');
    assert.match(notices[0]?.message ?? '', /asked to wait.*Next try in (2\d|30) s/);
  });

  it('stops polling while the key is rejected, and resumes with a new key', async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    await connect(suite.api, suite.server, 'revoked-key');
    assert.equal(suite.api.store.state, 'keyRejected');
    const before = suite.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    assert.equal(suite.server.requests.length, before, 'no polling with a rejected key');
    await setApiKey(suite.api, 'demo-key');
    await waitFor(() => suite.api.store.state === 'ok', 'resumed with the new key');
    const resumed = messageRequests().length;
    await waitFor(() => messageRequests().length > resumed, 'timer polling resumed', 8_000);
  });

  it('aborts the refresh in flight when the view closes', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
    await waitFor(() => suite.api.view.treeView.visible, 'view visible');
    await waitFor(() => !suite.api.store.isRefreshing, 'idle');
    suite.server.addFault({ operation: 'getMessages', delayMs: 5_000 });
    const lastUpdated = suite.api.store.lastUpdated;
    const started = Date.now();
    const pending = suite.api.store.refresh();
    await waitFor(() => suite.server.requests.some((r) => r.path === '/getMessages' && r.at >= started), 'request sent');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await pending;
    assert.ok(Date.now() - started < 4_000, `finished after ${Date.now() - started} ms, without waiting for the server`);
    assert.equal(suite.api.store.lastUpdated, lastUpdated, 'the aborted answer was not used');
    assert.equal(suite.api.store.error, undefined, 'an abort is not an error');
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
  });

  it('shows the unreachable state when there is no earlier data', async () => {
    const gone = await startServer();
    const url = gone.baseUrl;
    await gone.close();
    await connect(suite.api, { ...suite.server, baseUrl: url } as RunningScrapeHubServer);
    assert.equal(suite.api.store.state, 'unreachable');
    assert.deepEqual(suite.api.view.provider.getChildren(), []);
  });
});
