import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectedSuite, waitFor } from './harness';

/**
 * Another VS Code window is simulated by writing, into the extension's real global state,
 * what that window's poll would write. (The rate with several real extension hosts is
 * measured by test/host/measureWindows.ts.)
 */
describe('Several windows on one server', () => {
  const suite = connectedSuite();
  beforeEach(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  const polls = () => suite.server.requests.filter((r) => r.path === '/getMessages').length;

  it('uses another window\'s fresh answer instead of polling, then polls again when it goes stale', async () => {
    const start = polls();
    await waitFor(() => polls() > start, 'this window polls on its timer', 8_000);
    await waitFor(() => !suite.api.store.isRefreshing, 'poll finished');
    // The other window polls in the middle of this window's interval.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { origin } = suite.server;
    const user = suite.api.store.user!;
    const fromOtherWindow = { id: 'm-other-window', scraperId: 's-x', scraperName: 'acme-prices', messageType: 'START', createdAt: new Date().toISOString() };
    const at = Date.now();
    await suite.api.globalState.update(`scrapehub.lastPoll:${origin}`, { at, by: 'another-window', snapshot: { fetchedAt: at, messages: [fromOtherWindow], user } });
    const afterWrite = polls();
    await waitFor(() => suite.api.store.findMessage('m-other-window') !== undefined, 'the other window\'s answer is shown', 8_000);
    assert.equal(polls(), afterWrite, 'no request while another window\'s answer is fresh');
    // Nobody refreshes the shared answer: this window takes over polling.
    await waitFor(() => polls() > afterWrite, 'polls itself once the shared answer is stale', 10_000);
    await waitFor(() => suite.api.store.findMessage('m-other-window') === undefined, 'the server\'s answer replaces it');
  });
});
