import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import type { Notice } from '../../src/ui/notifier';
import { ScriptedPrompts } from '../support/scriptedPrompts';
import { connect, connectedSuite, recordNotices, scraperNode, setServerUrl, startServer, waitFor, withAnswers } from './harness';

describe('Acknowledgements stay on the server the messages came from', () => {
  const suite = connectedSuite();
  let other: RunningScrapeHubServer;
  before(async () => {
    other = await startServer();
  });
  beforeEach(async () => {
    other.reset();
    // The other server gets a key, then the suite's server is the active one again.
    await connect(suite.api, other);
    await connect(suite.api, suite.server);
  });
  after(() => other.close());

  const ackPosts = (server: RunningScrapeHubServer) => server.requests.filter((r) => r.path === '/ackMessage');
  /** What another window does: Switch Server writes the global setting. */
  async function switchTo(server: RunningScrapeHubServer) {
    await setServerUrl(server.baseUrl);
    await waitFor(() => suite.api.connection.active?.address.origin === server.origin, 'the other server is active');
    await suite.api.store.refresh();
  }

  it("refuses an alert's Acknowledge clicked after a server switch, naming the server, and posts nowhere", async () => {
    const shared = `shared-${Date.now()}`;
    const mine = suite.server.addMessage({
      id: shared,
      scraperName: 'acme-prices',
      messageType: 'KILL_REQUEST',
      message: 'stop here',
      sentBy: 'root',
    });
    other.addMessage({ id: shared, scraperName: 'acme-prices', messageType: 'KILL_REQUEST', message: 'the other one', sentBy: 'root' });
    let click: (choice: string) => void = () => undefined;
    const notices: Notice[] = [];
    suite.api.observeNotifications((notice) => {
      notices.push(notice);
      // The toast waits in the notification centre until the test clicks it.
      return notice.actions[0] === 'Show' ? (new Promise<string>((resolve) => (click = resolve)) as unknown as string) : undefined;
    });
    await suite.api.store.refresh();
    await waitFor(() => notices.some((n) => n.actions[0] === 'Show'), 'the alert');
    await switchTo(other);
    click('Acknowledge');
    const label = new URL(suite.server.origin).host;
    await waitFor(() => notices.some((n) => n.severity === 'error'), 'the refusal');
    assert.match(
      notices.find((n) => n.severity === 'error')!.message,
      new RegExp(`from ${label.replace(/\./g, '\\.')}, which is no longer the active`),
    );
    assert.deepEqual(ackPosts(other), [], 'nothing posted to the new server');
    assert.deepEqual(ackPosts(suite.server), [], 'nor to the old one');
    assert.equal(mine.acknowledgedAt, undefined);
  });

  it('refuses a confirmation answered after a server switch', async () => {
    const node = scraperNode(suite.api, 'news-crawler');
    const notices = recordNotices(suite.api);
    const prompts = new ScriptedPrompts([{ confirm: true }]);
    const answer = prompts.confirm.bind(prompts);
    prompts.confirm = async (options) => {
      await switchTo(other); // another window switched while the modal was open
      return answer(options);
    };
    const restore = suite.api.usePrompts(prompts);
    try {
      await vscode.commands.executeCommand('scrapehub.acknowledgeAll', node);
    } finally {
      restore();
    }
    assert.deepEqual(ackPosts(other), [], 'nothing posted to the new server');
    assert.deepEqual(ackPosts(suite.server), []);
    await waitFor(() => notices.some((n) => /no longer the active/.test(n.message)), 'the refusal names why');
  });

  it('keeps documents of two servers apart when they share a message id', async () => {
    const shared = `doc-${Date.now()}`;
    suite.server.addMessage({ id: shared, scraperName: 'acme-prices', messageType: 'START', message: 'from the first server' });
    other.addMessage({ id: shared, scraperName: 'acme-prices', messageType: 'START', message: 'from the second server' });
    await suite.api.store.refresh();
    await withAnswers(suite.api, [{ pick: { id: shared } }], () => vscode.commands.executeCommand('scrapehub.openMessage'));
    assert.match(vscode.window.activeTextEditor!.document.getText(), /from the first server/);
    await switchTo(other);
    await withAnswers(suite.api, [{ pick: { id: shared } }], () => vscode.commands.executeCommand('scrapehub.openMessage'));
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /from the second server/);
    assert.doesNotMatch(text, /from the first server/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
