import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing/testingApi';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { EXTENSION_ID, connect, extensionApi, recordNotices, setApiKey, setServerUrl, startServer, waitFor, withAnswers } from './harness';

describe('API key per server origin', () => {
  let api: TestingApi;
  let first: RunningScrapeHubServer;
  let second: RunningScrapeHubServer;

  before(async () => {
    api = await extensionApi();
    first = await startServer();
    second = await startServer();
  });
  afterEach(() => api.observeNotifications(undefined));
  after(async () => {
    await setServerUrl(undefined);
    await Promise.all([first.close(), second.close()]);
  });

  it('asks for the key in a password box that names the origin, and sends it in the header', async () => {
    await setServerUrl(first.baseUrl);
    const { prompts } = await withAnswers(api, [{ input: 'demo-key' }], () => vscode.commands.executeCommand('scrapehub.setApiKey'));
    assert.equal(prompts.asked[0].password, true);
    assert.ok(prompts.asked[0].title.includes(first.origin));
    await api.store.refresh({ manual: true });
    assert.equal(api.store.state, 'ok');
    assert.ok(first.requests.length > 0 && first.requests.every((r) => r.apiKey === 'demo-key'));
  });

  it('never sends a key stored for one server to another', async () => {
    await connect(api, first, 'demo-key');
    const requestsBefore = second.requests.length;
    await setServerUrl(second.baseUrl);
    await waitFor(() => api.store.state === 'noKey', 'no key for the new origin');
    assert.equal(second.requests.length, requestsBefore, 'nothing was sent to the second server');
    await setApiKey(api, 'admin-key');
    await api.store.refresh({ manual: true });
    assert.equal(api.store.state, 'ok');
    assert.ok(second.requests.every((r) => r.apiKey === 'admin-key'));
    assert.ok(!first.requests.some((r) => r.apiKey === 'admin-key'));
  });

  it("in a remote extension host, a loopback key stored on the user's own machine is not sent to the remote machine's loopback", async () => {
    const ours = vscode.extensions.getExtension(EXTENSION_ID)!;
    const remote = ours.extensionKind === vscode.ExtensionKind.Workspace ? vscode.env.remoteName : undefined;
    const fresh = await startServer();
    try {
      // As a local window would have stored it: the name without a remote.
      await api.extensionContext.secrets.store(`scrapehub.apiKey:${fresh.origin}`, 'demo-key');
      await setServerUrl(fresh.baseUrl);
      await api.store.refresh({ manual: true });
      if (remote === undefined) {
        assert.equal(api.store.state, 'ok', "running on the user's machine, loopback is theirs: the key is used");
        return;
      }
      assert.equal(api.store.state, 'noKey', `running on ${remote}, its localhost is another machine: the local key must not be used`);
      assert.ok(!fresh.requests.some((r) => r.apiKey === 'demo-key'), 'the local key never reached the remote loopback server');
      const { prompts } = await withAnswers(api, [{ input: 'demo-key' }], () => vscode.commands.executeCommand('scrapehub.setApiKey'));
      assert.ok(prompts.asked[0].title.includes(remote), `the key prompt names the machine: ${prompts.asked[0].title}`);
      await api.store.refresh({ manual: true });
      assert.equal(api.store.state, 'ok', 'the key entered for the remote machine is used there');
    } finally {
      await api.extensionContext.secrets.delete(`scrapehub.apiKey:${fresh.origin}`);
      await setServerUrl(undefined);
      await fresh.close();
    }
  });

  it("keeps each origin's key: switching back needs no new key", async () => {
    await connect(api, first, 'demo-key');
    await connect(api, second, 'admin-key');
    first.requests.length = 0;
    await setServerUrl(first.baseUrl);
    await waitFor(() => api.store.state === 'ok', 'first server loaded with its stored key');
    assert.ok(first.requests.length > 0 && first.requests.every((r) => r.apiKey === 'demo-key'));
  });

  it('Configure Server asks for the URL, then the key for that origin', async () => {
    await setServerUrl(undefined);
    const origin = second.origin;
    const { prompts } = await withAnswers(api, [{ input: origin }, { input: 'demo-key' }], () =>
      vscode.commands.executeCommand('scrapehub.configureServer'),
    );
    assert.equal(prompts.asked[1].password, true);
    assert.ok(prompts.asked[1].title.includes(origin));
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('serverUrl'), `${origin}/scrapehub/api`);
    await waitFor(() => api.store.state === 'ok', 'loaded after configuring');
    assert.equal(second.requests.at(-1)?.apiKey, 'demo-key');
  });

  it('Clear API Key removes it after confirmation', async () => {
    await connect(api, first, 'demo-key');
    await withAnswers(api, [{ confirm: true }], () => vscode.commands.executeCommand('scrapehub.clearApiKey'));
    await waitFor(() => api.store.state === 'noKey', 'noKey after clearing');
    const count = first.requests.length;
    await api.store.refresh({ manual: true });
    assert.equal(first.requests.length, count, 'no request without a key');
  });

  it('shows the rejected-key state on 401 and offers Set API Key', async () => {
    await connect(api, first, 'revoked-key');
    assert.equal(api.store.state, 'keyRejected');
    assert.deepEqual(api.view.provider.getChildren(), []);
    assert.equal(api.view.treeView.message, undefined, 'nothing hides the welcome content');
    const notices = recordNotices(api);
    await vscode.commands.executeCommand('scrapehub.refresh');
    const error = notices.find((n) => n.severity === 'error')!;
    assert.ok(error.actions.includes('Set API Key'), JSON.stringify(error));
    assert.ok(!JSON.stringify(notices).includes('revoked-key'), 'the key is not shown');
    await setApiKey(api, 'demo-key');
    await waitFor(() => api.store.state === 'ok', 'a new key fixes it');
  });

  it('refuses a key with spaces or control characters at the prompt, and takes the corrected one', async () => {
    await setServerUrl(first.baseUrl);
    const { prompts } = await withAnswers(api, [{ input: 'demo key' }, { input: 'demo\u0007key' }, { input: 'demo-key' }], () =>
      vscode.commands.executeCommand('scrapehub.setApiKey'),
    );
    assert.equal(prompts.asked[0].refused?.length, 2);
    assert.match(prompts.asked[0].refused[0], /visible ASCII/);
    await waitFor(() => api.store.state === 'ok', 'the corrected key works');
  });

  it('ignores a server URL set in workspace settings, and says so', async () => {
    await connect(api, first, 'demo-key');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opens a workspace folder');
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'scrapehub.serverUrl': second.baseUrl })));
    try {
      assert.equal(vscode.workspace.getConfiguration('scrapehub').get('serverUrl'), first.baseUrl, 'the user setting still wins');
      const before = second.requests.length;
      await api.store.refresh({ manual: true });
      assert.equal(api.store.state, 'ok');
      assert.equal(second.requests.length, before, 'nothing went to the workspace-chosen server');
      await waitFor(
        () => /workspace setting for scrapehub\.serverUrl was ignored/.test(api.view.treeView.message ?? ''),
        'the view says it was ignored',
      );
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
    }
    await waitFor(() => !/ignored/.test(api.view.treeView.message ?? ''), 'the notice goes away with the setting');
  });
});
