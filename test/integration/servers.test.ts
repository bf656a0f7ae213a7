import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing/testingApi';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { extensionApi, recordNotices, scraperNodes, setServerUrl, startServer, tooltipText, waitFor, withAnswers } from './harness';

const STAGING_KEY = 'staging-key';
const STAGING_USER = {
  apiKey: STAGING_KEY,
  username: 'sam',
  email: 'sam@example.com',
  roles: ['operator'],
  scraperAssignments: ['staging-only'],
};

async function setServers(servers: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('scrapehub').update('servers', servers, vscode.ConfigurationTarget.Global);
}

function serversSetting(): unknown {
  return vscode.workspace.getConfiguration('scrapehub').inspect('servers')?.globalValue;
}

function scraperNames(api: TestingApi): string[] {
  return scraperNodes(api).map((node) => node.name);
}

describe('Several servers', () => {
  let api: TestingApi;
  let prod: RunningScrapeHubServer;
  let staging: RunningScrapeHubServer;

  before(async () => {
    api = await extensionApi();
  });
  // Fresh servers for every test: new origins, so no key stored by an earlier test applies.
  beforeEach(async () => {
    prod = await startServer();
    staging = await startServer({ seed: 'empty', users: [STAGING_USER] });
    staging.addMessage({ scraperName: 'staging-only', messageType: 'START', message: 'from staging' });
    await setServerUrl(undefined);
    await setServers(undefined);
    await api.store.refresh();
    await waitFor(() => api.store.state === 'noServer', 'no server configured');
  });
  afterEach(async () => {
    api.observeNotifications(undefined);
    await setServers(undefined);
    await setServerUrl(undefined);
    await Promise.all([prod.close(), staging.close()]);
  });

  async function addServer(name: string, server: RunningScrapeHubServer, key: string) {
    return withAnswers(api, [{ input: name }, { input: server.baseUrl }, { input: key }], () =>
      vscode.commands.executeCommand('scrapehub.addServer'),
    );
  }

  async function switchServer(name: string, extraAnswers: { input: string }[] = []) {
    return withAnswers(api, [{ pick: { kind: 'server', server: { name } } }, ...extraAnswers], () =>
      vscode.commands.executeCommand('scrapehub.switchServer'),
    );
  }

  it('Add Server names a server, asks for its key and makes it active; status bar and view title show the name', async () => {
    const { prompts } = await addServer('prod', prod, 'demo-key');
    assert.deepEqual(serversSetting(), [{ name: 'prod', url: prod.baseUrl }]);
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('serverUrl'), prod.baseUrl);
    assert.equal(prompts.asked[2].password, true);
    assert.ok(prompts.asked[2].title.includes(prod.origin), prompts.asked[2].title);
    await waitFor(() => api.store.state === 'ok', 'prod loaded');
    assert.equal(api.view.treeView.description, 'prod');
    await waitFor(() => /^\$\(mail\) \d+.* · prod$/.test(api.statusBar.text), `status bar names prod (is: ${api.statusBar.text})`);
    assert.match(tooltipText(api.statusBar.tooltip), /ScrapeHub \(prod\)/);
  });

  it("switching shows the other server's messages, and each key goes only to its own server", async () => {
    await addServer('prod', prod, 'demo-key');
    await waitFor(() => scraperNames(api).includes('acme-prices'), 'prod messages shown');
    await addServer('staging', staging, STAGING_KEY);
    await waitFor(
      () => api.store.state === 'ok' && scraperNames(api).join() === 'staging-only',
      `staging messages shown (have ${scraperNames(api).join()})`,
    );
    assert.equal(api.view.treeView.description, 'staging');
    await waitFor(() => api.statusBar.text.endsWith(' · staging'), 'status bar names staging');

    await switchServer('prod');
    await waitFor(
      () => api.store.state === 'ok' && scraperNames(api).includes('acme-prices') && !scraperNames(api).includes('staging-only'),
      'prod messages shown again',
    );
    assert.equal(api.view.treeView.description, 'prod');
    await waitFor(() => api.statusBar.text.endsWith(' · prod'), 'status bar names prod');

    assert.ok(staging.requests.length > 0 && prod.requests.length > 0);
    assert.deepEqual([...new Set(staging.requests.map((r) => r.apiKey))], [STAGING_KEY], 'staging only ever saw its own key');
    assert.deepEqual([...new Set(prod.requests.map((r) => r.apiKey))], ['demo-key'], 'prod only ever saw its own key');
  });

  it("the picker shows each server's URL, whether a key is stored, and marks the active one", async () => {
    await addServer('prod', prod, 'demo-key');
    await setServers([
      { name: 'prod', url: prod.baseUrl },
      { name: 'staging', url: staging.baseUrl },
    ]);
    const { prompts } = await withAnswers(api, ['dismiss'], () => vscode.commands.executeCommand('scrapehub.switchServer'));
    const picker = prompts.asked[0];
    assert.deepEqual(picker.items, ['prod', 'staging', 'Add Server…']);
    assert.deepEqual(picker.itemInfo!.slice(0, 2), [
      { description: `${prod.baseUrl} — active`, detail: 'API key stored', icon: 'check' },
      { description: staging.baseUrl, detail: 'No API key stored yet: you will be asked for it', icon: 'server' },
    ]);
    assert.deepEqual(picker.active, {
      kind: 'server',
      server: { name: 'prod', address: { baseUrl: prod.baseUrl, origin: prod.origin }, index: 0 },
    });
  });

  it("switching to a server without a key asks for that server's key, and sends nothing there before", async () => {
    await addServer('prod', prod, 'demo-key');
    await setServers([
      { name: 'prod', url: prod.baseUrl },
      { name: 'staging', url: staging.baseUrl },
    ]);
    staging.requests.length = 0;
    const { prompts } = await switchServer('staging', [{ input: STAGING_KEY }]);
    assert.equal(prompts.asked[1].password, true);
    assert.ok(prompts.asked[1].title.includes(staging.origin));
    await waitFor(() => api.store.state === 'ok' && scraperNames(api).join() === 'staging-only', 'staging loaded');
    assert.ok(staging.requests.every((r) => r.apiKey === STAGING_KEY));
  });

  it('switching aborts a refresh still waiting on the old server; its answer never shows', async () => {
    await addServer('prod', prod, 'demo-key');
    await addServer('staging', staging, STAGING_KEY);
    await switchServer('prod');
    await waitFor(() => api.store.state === 'ok' && scraperNames(api).includes('acme-prices'), 'prod loaded');
    prod.addFault({ operation: 'getMessages', delayMs: 1500 });
    const slow = api.store.refresh({ manual: true });
    await waitFor(() => prod.requests.some((r) => r.path === '/getMessages' && r.at > Date.now() - 1000), 'slow prod refresh started');
    await switchServer('staging');
    await slow;
    await waitFor(() => api.store.state === 'ok' && scraperNames(api).join() === 'staging-only', 'staging loaded');
    await new Promise((resolve) => setTimeout(resolve, 1700));
    assert.deepEqual(scraperNames(api), ['staging-only'], 'the late prod answer was discarded');
    assert.equal(api.view.treeView.description, 'staging');
  });

  it('an unusable entry gets a clear message and stays in the settings untouched', async () => {
    const entries = [
      { name: 'plain', url: 'http://hub.example.com' },
      { name: 'prod', url: prod.baseUrl },
      { name: 'PROD', url: staging.baseUrl },
    ];
    await setServers(entries);
    const notices = recordNotices(api);
    const { prompts } = await withAnswers(api, [{ pick: { kind: 'unusable', entry: { label: 'plain' } } }], () =>
      vscode.commands.executeCommand('scrapehub.switchServer'),
    );
    assert.deepEqual(prompts.asked[0].items, ['prod', 'plain', 'PROD', 'Add Server…']);
    assert.match(prompts.asked[0].itemInfo![2].detail!, /already a server named "prod"/);
    const warning = notices.find((notice) => notice.severity === 'warning');
    assert.ok(warning, 'a warning explains the entry');
    assert.match(warning.message, /"plain".*Use https:\/\/.*Remove Server/);
    assert.deepEqual(serversSetting(), entries, 'nothing was rewritten');
    assert.equal(api.store.state, 'noServer', 'nothing was switched');
  });

  it('Add Server refuses a bad name or URL with a clear reason and loses nothing', async () => {
    await setServers([{ name: 'prod', url: prod.baseUrl }]);
    const { prompts } = await withAnswers(
      api,
      [
        { input: ' ' },
        { input: 'Prod' },
        { input: 'x'.repeat(41) },
        { input: 'staging' },
        { input: 'http://hub.example.com' },
        { input: 'https://user:pw@hub.example.com' },
        { input: prod.origin },
        'back',
        { input: 'staging' },
        'dismiss',
      ],
      () => vscode.commands.executeCommand('scrapehub.addServer'),
    );
    assert.deepEqual(prompts.asked[0].refused, [
      'Enter a name, e.g. "dev", "staging" or "prod".',
      'There is already a server named "prod".',
      'A server name has at most 40 characters.',
    ]);
    assert.equal(prompts.asked[1].refused!.length, 3);
    assert.match(prompts.asked[1].refused![0], /Use https:\/\//);
    assert.match(prompts.asked[1].refused![1], /user name or password/);
    assert.match(prompts.asked[1].refused![2], /already in the list as "prod"/);
    assert.equal(prompts.asked[2].value, 'staging', 'Back keeps the typed name');
    assert.deepEqual(serversSetting(), [{ name: 'prod', url: prod.baseUrl }]);
  });

  it('Remove Server removes the entry and the key of its origin', async () => {
    await addServer('staging', staging, STAGING_KEY);
    await addServer('prod', prod, 'demo-key');
    const { prompts } = await withAnswers(api, [{ pick: { label: 'staging' } }, { confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.removeServer'),
    );
    assert.match(prompts.asked[1].detail!, new RegExp(`key stored for ${staging.origin.replace(/[.]/g, '\\.')} is removed`));
    assert.deepEqual(serversSetting(), [{ name: 'prod', url: prod.baseUrl }]);
    // Its key is gone: pointing at staging again finds none, and nothing is sent there.
    staging.requests.length = 0;
    await setServerUrl(staging.baseUrl);
    await waitFor(() => api.store.state === 'noKey', 'no key for staging any more');
    assert.equal(staging.requests.length, 0);
    assert.equal(api.view.treeView.description, undefined, 'an unnamed server has no name in the title');
  });

  it('an active server removed from the list stays connected, without a name, and keeps its key', async () => {
    await addServer('prod', prod, 'demo-key');
    await waitFor(() => api.store.state === 'ok', 'prod loaded');
    const { prompts } = await withAnswers(api, [{ pick: { label: 'prod' } }, { confirm: true }], () =>
      vscode.commands.executeCommand('scrapehub.removeServer'),
    );
    assert.match(prompts.asked[1].detail!, /No stored API key is removed/);
    await waitFor(() => api.view.treeView.description === undefined, 'the name left the title');
    await waitFor(() => !api.statusBar.text.includes('·'), 'the name left the status bar');
    await api.store.refresh({ manual: true });
    assert.equal(api.store.state, 'ok');
  });
});
