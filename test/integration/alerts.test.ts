import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Notice } from '../../src/ui/notifier';
import { connect, connectedSuite, recordNotices, waitFor, withAnswers, shownMessage } from './harness';

describe('New-message alerts', () => {
  const suite = connectedSuite();
  const config = () => vscode.workspace.getConfiguration('scrapehub');
  afterEach(async () => {
    await config().update('alerts.messageTypes', undefined, vscode.ConfigurationTarget.Global);
    await config().update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  let serial = 0;
  /** A message someone else sends, with an id no earlier test used. */
  function arrive(scraperName: string, messageType: string, message?: string) {
    return suite.server.addMessage({ id: `alert-${Date.now()}-${++serial}`, scraperName, messageType, message, sentBy: 'root' });
  }
  const alertsIn = (notices: Notice[]) => notices.filter((notice) => notice.actions[0] === 'Show');
  const acked = (id: string) => suite.server.messages.find((m) => m.id === id)?.acknowledgedAt !== undefined;

  it('says nothing about the messages already pending when it connects', async () => {
    const notices = recordNotices(suite.api);
    arrive('acme-prices', 'KILL_REQUEST', 'was there before the key was set');
    await connect(suite.api, suite.server);
    await suite.api.store.refresh();
    assert.ok(suite.api.store.groups().some((group) => group.messages.some((m) => m.messageType === 'KILL_REQUEST')));
    assert.deepEqual(alertsIn(notices), []);
  });

  it('announces one new KILL_REQUEST in exactly one notification, with Show and Acknowledge', async () => {
    const notices = recordNotices(suite.api);
    arrive('acme-prices', 'KILL_REQUEST', 'stop: proxy ban');
    await suite.api.store.refresh();
    await suite.api.store.refresh();
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.equal(alertsIn(notices)[0].message, 'New KILL_REQUEST for "acme-prices": stop: proxy ban');
    assert.deepEqual(alertsIn(notices)[0].actions, ['Show', 'Acknowledge']);
  });

  it('summarises several new messages in one notification', async () => {
    const notices = recordNotices(suite.api);
    arrive('acme-prices', 'KILL_REQUEST');
    arrive('weather-feed', 'KILL_REQUEST');
    arrive('acme-prices', 'KILL_REQUEST', 'third');
    await suite.api.store.refresh();
    assert.equal(notices.length, 1, JSON.stringify(notices));
    const [alert] = alertsIn(notices);
    assert.match(alert.message, /^3 new KILL_REQUESTs for (acme-prices, weather-feed|weather-feed, acme-prices)$/);
    assert.deepEqual(alert.actions, ['Show', 'Acknowledge All 3']);
  });

  it('does not announce START by default', async () => {
    const notices = recordNotices(suite.api);
    arrive('news-crawler', 'START', 'nightly');
    await suite.api.store.refresh();
    assert.ok(
      suite.api.store.groups().some((group) => group.messages.some((m) => m.message === 'nightly')),
      'the START is in the tree',
    );
    assert.deepEqual(alertsIn(notices), []);
  });

  it('announces START once it is turned on in the settings, and a future type listed there', async () => {
    await config().update('alerts.messageTypes', { START: true, PAUSE: true }, vscode.ConfigurationTarget.Global);
    const notices = recordNotices(suite.api);
    arrive('news-crawler', 'START', 'nightly');
    await suite.api.store.refresh();
    assert.deepEqual(
      alertsIn(notices).map((n) => n.message),
      ['New START for "news-crawler": nightly'],
    );
    arrive('news-crawler', 'PAUSE');
    arrive('shop-inventory', 'KILL_REQUEST');
    await suite.api.store.refresh();
    assert.match(alertsIn(notices)[1]?.message ?? '', /^2 new messages \((1 KILL_REQUEST, 1 PAUSE|1 PAUSE, 1 KILL_REQUEST)\) for /);
  });

  it('Show opens the view and selects the new message', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    recordNotices(suite.api, (notice) => (notice.actions[0] === 'Show' ? 'Show' : undefined));
    const stored = arrive('shop-inventory', 'KILL_REQUEST', 'look at me');
    await suite.api.store.refresh();
    await waitFor(() => suite.api.view.treeView.visible, 'the view is open');
    await waitFor(
      () => suite.api.view.treeView.selection.some((node) => node.kind === 'message' && node.message.id === stored.id),
      'the new message is selected',
    );
  });

  it('Acknowledge acknowledges exactly the announced messages on the server', async () => {
    const notices = recordNotices(suite.api, (notice) => (notice.actions[0] === 'Show' ? notice.actions[1] : undefined));
    const pendingBefore = suite.server.messages.filter((m) => m.acknowledgedAt === undefined).map((m) => m.id);
    const announced = [arrive('acme-prices', 'KILL_REQUEST'), arrive('weather-feed', 'KILL_REQUEST')];
    const notAnnounced = arrive('weather-feed', 'START');
    await suite.api.store.refresh();
    await waitFor(() => announced.every((m) => acked(m.id)), 'both announced messages acknowledged');
    await waitFor(() => notices.some((n) => n.message === 'Acknowledged 2 messages.'), 'the usual acknowledgement summary');
    assert.equal(acked(notAnnounced.id), false);
    assert.deepEqual(pendingBefore.filter(acked), [], 'nothing else was acknowledged');
    assert.deepEqual(
      suite.server.requests
        .filter((r) => r.path === '/ackMessage')
        .map((r) => (r.body as { messageId: string }).messageId)
        .sort(),
      announced.map((m) => m.id).sort(),
    );
  });

  it('never announces a message sent from this window, but still one sent by someone else', async () => {
    const notices = recordNotices(suite.api);
    const foreign = arrive('news-crawler', 'KILL_REQUEST', 'from someone else');
    await withAnswers(
      suite.api,
      [{ pick: 'acme-prices' }, { pick: 'KILL_REQUEST' }, { input: 'mine' }, { pick: { kind: 'none' } }, { confirm: true }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    const mine = suite.server.messages.find((m) => m.message === 'mine')!;
    assert.ok(shownMessage(suite.api, mine.id), 'the sent message is in the tree');
    await suite.api.store.refresh();
    assert.deepEqual(
      alertsIn(notices).map((n) => n.message),
      [`New KILL_REQUEST for "news-crawler": ${foreign.message}`],
    );
  });

  it('holds alerts while a send is unanswered, and leaves out the message that send may have created', async () => {
    await config().update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    suite.server.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, hang: true });
    const notices = recordNotices(suite.api);
    const sending = withAnswers(
      suite.api,
      [{ pick: 'acme-prices' }, { pick: 'KILL_REQUEST' }, { input: 'mine, unanswered' }, { pick: { kind: 'none' } }, { confirm: true }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    await waitFor(() => suite.server.messages.some((m) => m.message === 'mine, unanswered'), 'the server stored the send');
    const foreign = arrive('weather-feed', 'KILL_REQUEST', 'meanwhile');
    await suite.api.store.refresh();
    assert.ok(
      suite.api.store.groups().some((group) => group.messages.some((m) => m.message === 'mine, unanswered')),
      'the refresh has our message before the send is answered',
    );
    assert.deepEqual(alertsIn(notices), [], 'held while the send waits for its answer');
    await sending;
    assert.ok(notices.some((n) => /was delivered: the server did not confirm it, but it is listed now/.test(n.message)));
    await waitFor(() => alertsIn(notices).length > 0, 'announced once the send settled');
    assert.deepEqual(
      alertsIn(notices).map((n) => n.message),
      [`New KILL_REQUEST for "weather-feed": ${foreign.message}`],
    );
  });

  it('does not announce a message that is being acknowledged', async () => {
    const notices = recordNotices(suite.api);
    const stored = arrive('acme-prices', 'KILL_REQUEST');
    suite.api.store.hide([stored.id]);
    await suite.api.store.refresh();
    assert.deepEqual(alertsIn(notices), []);
    suite.api.store.unhide([stored.id]);
  });

  // The gating itself (hidden view: polling only with alerts on) is unit-tested on a manual
  // clock in test/unit/autoRefresh.test.ts; this proves the wiring with the real view and timer.
  it('keeps polling while the view is hidden when alerts are on, so they arrive by themselves', async function () {
    this.timeout(30_000);
    await config().update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !suite.api.view.treeView.visible, 'view hidden');
    const notices = recordNotices(suite.api);
    arrive('weather-feed', 'KILL_REQUEST', 'while you were away');
    await waitFor(() => alertsIn(notices).length === 1, 'an alert without a manual refresh', 15_000);
    assert.equal(alertsIn(notices)[0].message, 'New KILL_REQUEST for "weather-feed": while you were away');
  });
});
