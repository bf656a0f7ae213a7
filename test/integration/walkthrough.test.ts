import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WALKTHROUGH_CONTEXT_KEYS, type WalkthroughStep } from '../../src/model/walkthroughSteps';
import { WalkthroughProgress } from '../../src/views/walkthroughProgress';
import { connect, connectedSuite, messageNodes, recordNotices, setServerUrl, waitFor, withAnswers } from './harness';

const NEVER = { kind: 'none' };
const SEND_START = [{ pick: 'weather-feed' }, { pick: 'START' }, { input: '' }, { pick: NEVER }];

describe('Walkthrough', () => {
  const suite = connectedSuite();

  /** Context keys the walkthrough set to true: what ticks its steps in VS Code. */
  let ticked = new Set<string>();
  let stop: (() => void) | undefined;
  const completed = (step: WalkthroughStep) => ticked.has(WALKTHROUGH_CONTEXT_KEYS[step]);

  /** From now on, a walkthrough progress with nothing ticked yet reads the current state and takes the commands' reports. */
  function startFresh(): void {
    stop?.();
    ticked = new Set();
    const progress = new WalkthroughProgress(suite.api.connection, suite.api.store, suite.api.view.treeView, (key, value) =>
      value ? ticked.add(key) : ticked.delete(key),
    );
    const restore = suite.api.useWalkthrough(progress);
    stop = () => {
      restore();
      progress.dispose();
    };
  }

  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it('ticks "configure server" only for a usable server URL', async () => {
    await setServerUrl('http://hub.example.com');
    await waitFor(() => suite.api.store.state === 'invalidServer' || suite.api.store.state === 'loading', 'invalid server applied');
    startFresh();
    assert.ok(!completed('configureServer'), 'an http:// URL for a remote host is not usable');
    await setServerUrl(suite.server.baseUrl);
    await waitFor(() => completed('configureServer'), 'usable server ticks the step');
  });

  it('ticks "set API key" only once the server accepted the key', async () => {
    await connect(suite.api, suite.server, 'revoked-key');
    assert.equal(suite.api.store.state, 'keyRejected');
    startFresh();
    assert.ok(!completed('setApiKey'), 'a rejected key does not tick it');
    await connect(suite.api, suite.server, 'demo-key');
    await waitFor(() => completed('setApiKey'), 'an accepted key ticks it');
  });

  it('ticks "see messages" when the view shows loaded messages', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !suite.api.view.treeView.visible, 'view hidden');
    startFresh();
    assert.ok(!completed('seeMessages'), 'not while the view is hidden');
    await vscode.commands.executeCommand('scrapehub.messages.focus');
    await waitFor(() => completed('seeMessages'), 'opening the view ticks it');
  });

  it('ticks "send" only after the server took a message, not on cancel or failure', async () => {
    startFresh();
    await withAnswers(suite.api, [{ pick: 'weather-feed' }, 'dismiss'], () => vscode.commands.executeCommand('scrapehub.sendMessage'));
    assert.ok(!completed('sendMessage'), 'a cancelled send does not tick it');
    suite.server.addFault({ operation: 'sendMessage', status: 400, times: 1 });
    const notices = recordNotices(suite.api);
    await withAnswers(suite.api, SEND_START, () => vscode.commands.executeCommand('scrapehub.sendMessage'));
    assert.ok(
      notices.some((notice) => notice.severity === 'error'),
      JSON.stringify(notices),
    );
    assert.ok(!completed('sendMessage'), 'a failed send does not tick it');
    await withAnswers(suite.api, SEND_START, () => vscode.commands.executeCommand('scrapehub.sendMessage'));
    assert.ok(suite.server.messages.some((message) => message.scraperName === 'weather-feed' && message.messageType === 'START'));
    assert.ok(completed('sendMessage'), 'a sent message ticks it');
  });

  it('ticks "acknowledge" only after the server confirmed an acknowledgement', async () => {
    startFresh();
    await withAnswers(suite.api, [{ confirm: false }], () =>
      vscode.commands.executeCommand('scrapehub.acknowledgeAll', messageNodes(suite.api, 'acme-prices')[0].parent),
    );
    assert.ok(!completed('acknowledge'), 'a declined acknowledgement does not tick it');
    suite.server.addFault({ operation: 'ackMessage', status: 500, times: 1 });
    recordNotices(suite.api);
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', messageNodes(suite.api, 'acme-prices')[0]);
    assert.ok(!completed('acknowledge'), 'a refused acknowledgement does not tick it');
    await waitFor(() => messageNodes(suite.api, 'acme-prices').length > 0, 'the message is back');
    await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', messageNodes(suite.api, 'acme-prices')[0]);
    assert.ok(completed('acknowledge'), 'an acknowledged message ticks it');
  });
});
