/**
 * Every fault the server or network can throw at the extension, run against the local
 * server's fault switches with a recognisable API key. After each scenario, everything the
 * extension showed or wrote (notifications, log lines, tree rows and tooltips, the view's
 * message, URLs it requested, settings) is searched for the key. Prints one summary line.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing/testingApi';
import type { Notice } from '../../src/ui/notifier';
import type { Fault, RunningScrapeHubServer } from '../server/scrapeHubServer';
import {
  connect,
  extensionApi,
  labelText,
  messageNodes,
  recordNotices,
  setServerUrl,
  shownMessage,
  startServer,
  tooltipText,
  waitFor,
  withAnswers,
} from './harness';

const CANARY_KEY = `sk-canary-${randomBytes(12).toString('hex')}`;
const NEVER = { kind: 'none' };

interface Tally {
  scenarios: number;
  passed: number;
  keyLeaks: number;
  duplicateSends: number;
  lostAcks: number;
}

describe('Fault injection', () => {
  let api: TestingApi;
  let server: RunningScrapeHubServer;
  let elsewhere: RunningScrapeHubServer;
  let notices: Notice[];
  let logStart: number;
  const tally: Tally = { scenarios: 0, passed: 0, keyLeaks: 0, duplicateSends: 0, lostAcks: 0 };

  before(async () => {
    api = await extensionApi();
    server = await startServer();
    elsewhere = await startServer();
    await vscode.workspace.getConfiguration('scrapehub').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
  });
  beforeEach(async function () {
    tally.scenarios += 1;
    server.reset();
    server.addUser({
      apiKey: CANARY_KEY,
      username: 'canary',
      email: 'canary@example.com',
      roles: ['operator'],
      scraperAssignments: ['acme-prices', 'news-crawler', 'shop-inventory'],
    });
    await connect(api, server, CANARY_KEY);
    assert.equal(api.store.state, 'ok', 'connected with the canary key');
    notices = recordNotices(api, (notice) => (notice.severity === 'info' ? undefined : undefined));
    logStart = api.logLines.length;
  });
  afterEach(async function () {
    api.observeNotifications(undefined);
    // Counted for every scenario, so a new fault cannot slip past the summary line.
    tally.duplicateSends += duplicateSends();
    tally.lostAcks += lostAcks();
    const leaks = keyOccurrences();
    tally.keyLeaks += leaks.length;
    if (this.currentTest?.state === 'passed' && leaks.length === 0) {
      tally.passed += 1;
    }
    assert.deepEqual(leaks, [], 'the key appeared in what the extension showed or logged');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await setServerUrl(undefined);
    await Promise.all([server.close(), elsewhere.close()]);
    console.log(
      `${tally.scenarios} scenarios: ${tally.passed} passed, ${tally.keyLeaks} key leaks, ${tally.duplicateSends} duplicate sends, ${tally.lostAcks} lost acks`,
    );
  });

  /** Everything user-visible or logged in which the key must never appear. */
  function keyOccurrences(): string[] {
    const provider = api.view.provider;
    const treeText = provider
      .getChildren()
      .flatMap((scraper) => [scraper, ...provider.getChildren(scraper)])
      .map((node) => {
        const item = provider.resolveTreeItem(provider.getTreeItem(node), node);
        return `${labelText(item.label)} ${String(item.description ?? '')} ${tooltipText(item.tooltip)}`;
      });
    const places: Array<[string, string]> = [
      ...notices.map((n): [string, string] => ['notification', `${n.message} ${n.actions.join(' ')}`]),
      ...api.logLines.slice(logStart).map((line): [string, string] => ['log', line]),
      ...treeText.map((text): [string, string] => ['tree', text]),
      ['view message', api.view.treeView.message ?? ''],
      ['store error', `${api.store.error?.message ?? ''} ${JSON.stringify(api.store.error ?? {})}`],
      ...server.requests.map((r): [string, string] => ['request URL', `${r.path} ${JSON.stringify(r.query)}`]),
      ['settings', JSON.stringify(vscode.workspace.getConfiguration('scrapehub'))],
    ];
    return places.filter(([, text]) => text.includes(CANARY_KEY)).map(([where]) => where);
  }

  const sends = () => server.requests.filter((r) => r.path === '/sendMessage');
  const isAcked = (id: string) => server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined;

  /** The same message POSTed more than once: nothing here asks the user to resend. */
  function duplicateSends(): number {
    const bodies = sends().map((r) => JSON.stringify(r.body));
    return bodies.length - new Set(bodies).size;
  }

  /** An acknowledgement is lost when the server did not record it and the tree no longer shows the message. */
  function lostAcks(): number {
    const ids = new Set(
      server.requests.filter((r) => r.path === '/ackMessage').map((r) => (r.body as { messageId?: string } | undefined)?.messageId ?? ''),
    );
    return [...ids].filter((id) => !isAcked(id) && shownMessage(api, id) === undefined).length;
  }

  /** Every notice of this scenario, for asserting no unknown outcome is reported as a failure. */
  const said = () => notices.map((n) => `${n.severity}: ${n.message} [${n.actions.join(', ')}]`).join('\n');

  function assertNoFailureClaimed(): void {
    assert.ok(!notices.some((n) => /fail|Could not send|Retry\b/i.test(`${n.message} ${n.actions.join(' ')}`)), said());
  }

  async function refreshExpectingStale(fault: Fault, reason: RegExp): Promise<void> {
    server.addFault({ operation: 'getMessages', ...fault });
    await vscode.commands.executeCommand('scrapehub.refresh');
    // "Unreachable" only when no answer came; an answer, however broken, is the server's error.
    assert.equal(api.store.state, fault.hang || fault.destroySocket ? 'unreachable' : 'serverError');
    assert.ok(api.store.isStale, 'last good data kept and marked stale');
    assert.ok(api.view.provider.getChildren().length > 0);
    const error = notices.find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', reason);
    server.clearFaults();
    await api.store.refresh();
    assert.equal(api.store.state, 'ok', 'recovers when the fault is gone');
  }

  it('GET times out', () => refreshExpectingStale({ hang: true }, /did not answer in time/));
  it('connection dropped', () => refreshExpectingStale({ destroySocket: true }, /Could not reach the server/));
  it('malformed JSON', () => refreshExpectingStale({ status: 200, body: '{"success":' }, /not valid JSON/));
  it('HTML page from a proxy', () => refreshExpectingStale({ status: 200, body: '<html>Log in to the proxy</html>' }, /HTML page/));
  it('body not matching the schema', () =>
    refreshExpectingStale({ status: 200, body: { success: true, messages: [{ id: 1 }] } }, /not valid ScrapeHub data/));
  it('success:false with HTTP 200', () =>
    refreshExpectingStale({ status: 200, body: { success: false, code: 'DOWN', message: 'Maintenance' } }, /Maintenance/));
  it('HTTP 500 whose message echoes the key', () =>
    refreshExpectingStale({ status: 500, body: { success: false, code: 'BUG', message: `bad key ${CANARY_KEY}` } }, /bad key ••••/));

  it('redirect to another origin: error, and the other origin receives nothing', async () => {
    await refreshExpectingStale(
      { status: 307, headers: { Location: `${elsewhere.baseUrl}/getMessages` } },
      /redirected to http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.equal(elsewhere.requests.length, 0);
  });

  it('429 with Retry-After: no request before it, manual refresh included', async () => {
    server.addFault({ operation: 'getMessages', times: 1, status: 429, headers: { 'Retry-After': '60' } });
    await vscode.commands.executeCommand('scrapehub.refresh');
    const count = server.requests.length;
    await vscode.commands.executeCommand('scrapehub.refresh');
    assert.equal(server.requests.length, count);
    assert.ok(notices.some((n) => /Next try in/.test(n.message)));
    // Leave the store usable for the next scenario: a server change clears the wait.
    await setServerUrl(undefined);
    await waitFor(() => api.store.state === 'noServer', 'server cleared');
  });

  it('401: rejected-key state, no key in the message', async () => {
    server.addFault({ status: 401, body: { success: false, code: 'UNAUTHORIZED', message: `key ${CANARY_KEY} revoked` } });
    await vscode.commands.executeCommand('scrapehub.refresh');
    assert.equal(api.store.state, 'keyRejected');
    assert.deepEqual(api.view.provider.getChildren(), [], 'data fetched with the rejected key is gone from the tree');
    assert.ok(notices.some((n) => n.actions.includes('Set API Key')));
  });

  it('send: POST times out after the server stored it — found after a refresh, told it was delivered, not resent', async () => {
    server.addFault({ operation: 'sendMessage', afterHandling: true, hang: true });
    await withAnswers(api, [{ pick: 'acme-prices' }, { pick: 'START' }, { input: 'timeout probe' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(sends().length, 1);
    assert.equal(duplicateSends(), 0);
    assert.ok(notices.some((n) => /was delivered: the server did not confirm it, but it is listed now/.test(n.message)));
    const stored = server.messages.find((m) => m.message === 'timeout probe')!;
    await waitFor(() => shownMessage(api, stored.id) !== undefined, 'refreshed to show what the server has');
  });

  it('send: connection dropped after the server stored it — not resent', async () => {
    server.addFault({ operation: 'sendMessage', afterHandling: true, destroySocket: true });
    await withAnswers(api, [{ pick: 'news-crawler' }, { pick: 'START' }, { input: 'drop probe' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(sends().length, 1);
    assert.equal(duplicateSends(), 0);
  });

  it('send: 403 — server message shown, nothing resent without the user asking', async () => {
    await withAnswers(api, [{ freeText: 'weather-feed' }, { pick: 'START' }, { input: '' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(sends().length, 1);
    assert.equal(duplicateSends(), 0);
    assert.ok(notices.some((n) => /not assigned/.test(n.message)));
  });

  /** Sends a START to news-crawler under `fault`; the server's label is its host. */
  async function sendUnder(text: string, ...faults: Fault[]): Promise<void> {
    faults.forEach((fault) => server.addFault({ operation: 'sendMessage', times: 1, ...fault }));
    await withAnswers(api, [{ pick: 'news-crawler' }, { pick: 'START' }, { input: text }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(sends().length, 1, 'sent once, nothing resent without a click');
    assert.equal(duplicateSends(), 0);
    assertNoFailureClaimed();
  }

  function assertToldDelivered(text: string): void {
    assert.equal(server.messages.filter((m) => m.message === text).length, 1);
    assert.ok(
      notices.some((n) => n.severity === 'info' && /was delivered: the server did not confirm it, but it is listed now/.test(n.message)),
      said(),
    );
  }

  it('send: 500 after the server stored it — found after a refresh, told it was delivered', async () => {
    await sendUnder('500 probe', { afterHandling: true, status: 500 });
    assertToldDelivered('500 probe');
  });

  it('send: 2xx with a body that is not JSON, after the server stored it — told it was delivered', async () => {
    await sendUnder('bad body probe', { afterHandling: true, status: 200, body: '{"success":tr' });
    assertToldDelivered('bad body probe');
  });

  it('send: 2xx without a messageId, after the server stored it — told it was delivered', async () => {
    await sendUnder('no id probe', { afterHandling: true, status: 200, body: { success: true } });
    assertToldDelivered('no id probe');
  });

  it('send: slow answer past the timeout after the server stored it — told it was delivered', async () => {
    await sendUnder('slow probe', { afterHandling: true, delayMs: 2_500 });
    assertToldDelivered('slow probe');
  });

  it('send: 502 from a gateway that also fails the check — "may have been delivered", Send Again or Edit only', async () => {
    server.addFault({ operation: 'getMessages', times: 1, status: 502, body: '<html>Bad Gateway</html>' });
    await sendUnder('gateway probe', { status: 502, body: '<html>Bad Gateway</html>' });
    const warning = notices.find((n) => n.severity === 'warning');
    assert.match(
      warning?.message ?? said(),
      /did not confirm the START to "news-crawler" on .*could not be refreshed to check\. It may have been delivered/,
    );
    assert.deepEqual(warning?.actions, ['Send Again', 'Edit and Resend…', 'Show Log']);
  });

  it('ack: server error — the message comes back', async () => {
    server.addFault({ operation: 'ackMessage', status: 500 });
    const ids = messageNodes(api, 'acme-prices').map((n) => n.message.id);
    await vscode.commands.executeCommand(
      'scrapehub.acknowledgeMessage',
      messageNodes(api, 'acme-prices')[0],
      messageNodes(api, 'acme-prices'),
    );
    assert.equal(lostAcks(), 0);
    assert.ok(
      ids.every((id) => shownMessage(api, id)),
      'all restored',
    );
  });

  it('ack: connection dropped after the server recorded it — not lost, not shown again', async () => {
    server.addFault({ operation: 'ackMessage', afterHandling: true, destroySocket: true });
    const [node] = messageNodes(api, 'shop-inventory');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.equal(lostAcks(), 0);
    await waitFor(() => shownMessage(api, node.message.id) === undefined, 'gone after the refresh confirms it');
  });

  it('ack: times out', async () => {
    server.addFault({ operation: 'ackMessage', hang: true });
    const [node] = messageNodes(api, 'news-crawler');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.equal(lostAcks(), 0);
  });

  it('ack: 404 while the message is still pending — shown again, told the server did not acknowledge it', async () => {
    server.addFault({ operation: 'ackMessage', times: 1, status: 404 });
    const [node] = messageNodes(api, 'acme-prices');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(shownMessage(api, node.message.id), 'shown again');
    assert.ok(!notices.some((n) => /^Acknowledged 1 message|acknowledged elsewhere/.test(n.message)), said());
    assert.match(notices.find((n) => n.severity === 'error')?.message ?? said(), /Acknowledged 0 of 1 messages.*did not acknowledge it/);
  });

  it('ack: 2xx without acknowledgedAt, server did nothing — shown again, told it was not acknowledged', async () => {
    server.addFault({ operation: 'ackMessage', times: 1, status: 200, body: { success: true } });
    const [node] = messageNodes(api, 'news-crawler');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(shownMessage(api, node.message.id), 'shown again');
    assert.match(notices.find((n) => n.severity === 'error')?.message ?? said(), /did not acknowledge it/);
  });

  it('ack: slow answer past the timeout after the server recorded it — confirmed by the refresh', async () => {
    server.addFault({ operation: 'ackMessage', times: 1, afterHandling: true, delayMs: 2_500 });
    const [node] = messageNodes(api, 'shop-inventory');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(isAcked(node.message.id));
    assert.equal(shownMessage(api, node.message.id), undefined);
    assert.deepEqual(
      notices.map((n) => n.message),
      ['Acknowledged 1 message.'],
    );
  });

  it('ack: already acknowledged elsewhere — reported as such', async () => {
    const [node] = messageNodes(api, 'acme-prices');
    server.messages.find((m) => m.id === node.message.id)!.acknowledgedAt = new Date().toISOString();
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node);
    assert.ok(notices.some((n) => /already been acknowledged elsewhere/.test(n.message)));
    assert.equal(lostAcks(), 0);
  });

  describe('polling', () => {
    const polls = () => server.requests.filter((r) => r.path === '/getMessages');

    const config = () => vscode.workspace.getConfiguration('scrapehub');

    beforeEach(async () => {
      await config().update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
      await waitFor(() => api.view.treeView.visible, 'view visible');
    });
    afterEach(async () => {
      server.clearFaults();
      await config().update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
      await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      await config().update('alerts.messageTypes', undefined, vscode.ConfigurationTarget.Global);
    });

    it('one request in flight: concurrent refreshes collapse into at most one more', async () => {
      server.addFault({ operation: 'getMessages', delayMs: 300 });
      await waitFor(() => !api.store.isRefreshing, 'idle');
      const before = polls().length;
      await Promise.all([1, 2, 3, 4, 5].map(() => api.store.refresh()));
      assert.equal(polls().length - before, 2);
      const inFlight = polls()
        .slice(before)
        .map((r) => r.at);
      assert.ok(inFlight[1] - inFlight[0] >= 300, 'the second started after the first finished');
    });

    it('closing the view aborts the refresh in flight (when no alerts need it)', async () => {
      // With new-message alerts on, polling goes on while the view is hidden (see the next test).
      await config().update('alerts.messageTypes', { KILL_REQUEST: false }, vscode.ConfigurationTarget.Global);
      await config().update('requestTimeoutSeconds', 15, vscode.ConfigurationTarget.Global);
      await waitFor(() => !api.store.isRefreshing, 'idle');
      server.addFault({ operation: 'getMessages', delayMs: 5_000 });
      const lastUpdated = api.store.lastUpdated;
      const started = Date.now();
      const pending = api.store.refresh();
      await waitFor(() => polls().some((r) => r.at >= started), 'request sent');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await pending;
      assert.ok(Date.now() - started < 4_000, `finished after ${Date.now() - started} ms, without waiting for the server`);
      assert.equal(api.store.lastUpdated, lastUpdated, 'the aborted answer was not used');
      assert.equal(api.store.error, undefined, 'an abort is not an error');
    });

    it('with alerts on, closing the view lets the refresh in flight finish and polling go on', async () => {
      await config().update('requestTimeoutSeconds', 15, vscode.ConfigurationTarget.Global);
      await waitFor(() => !api.store.isRefreshing, 'idle');
      server.addFault({ operation: 'getMessages', times: 1, delayMs: 1_500 });
      const started = Date.now();
      const pending = api.store.refresh();
      await waitFor(() => polls().some((r) => r.at >= started), 'request sent');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await pending;
      assert.ok(api.store.lastUpdated! >= started, 'the answer was used');
      const after = polls().length;
      await waitFor(() => polls().length > after, 'timer polling goes on with the view hidden', 8_000);
    });
  });
});
