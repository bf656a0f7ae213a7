import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import type { TestingApi } from '../../src/testing/testingApi';
import { connect, extensionApi, scraperNodes, setServerUrl, startServer, waitFor } from './harness';

/** A server that refuses getMessages without scraperName, and an admin with no assignments. */
describe('Strict servers (scraperName required)', () => {
  const ADMIN_KEY = 'unassigned-admin-key';
  let api: TestingApi;
  let server: RunningScrapeHubServer;
  const config = () => vscode.workspace.getConfiguration('scrapehub');
  const setScraperNames = (names: string[] | undefined) => config().update('scraperNames', names, vscode.ConfigurationTarget.Global);

  before(async () => {
    api = await extensionApi();
    server = await startServer({ strict: true });
  });
  beforeEach(async () => {
    server.reset();
    server.addUser({
      apiKey: ADMIN_KEY,
      username: 'grace',
      email: 'grace@example.com',
      fullname: 'Grace Admin',
      roles: ['admin'],
      scraperAssignments: [],
    });
    await setScraperNames(undefined);
    await connect(api, server, ADMIN_KEY);
  });
  after(async () => {
    await setScraperNames(undefined);
    await setServerUrl(undefined);
    await server.close();
  });

  it('tells an admin without assignments that the server needs scraper names, not that nothing is pending', async () => {
    assert.equal(api.store.state, 'needsScraperNames');
    assert.deepEqual(api.view.provider.getChildren(), []);
    assert.equal(api.view.treeView.message, undefined, 'the welcome content (with its Set Scraper Names link) shows');
    const welcome = (
      vscode.extensions.getExtension('scrapehub.scrapehub-messages')!.packageJSON as {
        contributes: { viewsWelcome: { when: string; contents: string }[] };
      }
    ).contributes.viewsWelcome.find((entry) => entry.when === 'scrapehub.state == needsScraperNames');
    assert.ok(welcome, 'a welcome entry exists for the state');
  });

  it('asks about the scrapers named in scrapehub.scraperNames and shows their messages', async () => {
    await setScraperNames(['internal-audit', 'acme-prices']);
    await waitFor(() => api.store.state === 'ok', `messages loaded (state ${api.store.state})`);
    assert.deepEqual(
      scraperNodes(api)
        .map((node) => node.name)
        .sort(),
      ['acme-prices', 'internal-audit'],
    );
    const asked = server.requests.filter((r) => r.path === '/getMessages').map((r) => r.query.scraperName);
    assert.ok(asked.includes('internal-audit') && asked.includes('acme-prices'), `asked about: ${asked.join(', ')}`);
  });

  it('keeps what loaded when one scraper fails, says which one in the view, and does not call it a rejected key', async () => {
    await setScraperNames(['internal-audit', 'acme-prices']);
    await waitFor(() => api.store.state === 'ok', 'messages loaded');
    server.addFault({ operation: 'getMessages', status: 403, times: 1 });
    await api.store.refresh({ manual: true });
    assert.equal(api.store.state, 'ok');
    const failed = api.store.failedScrapers.map((failure) => failure.scraperName);
    assert.equal(failed.length, 1);
    const loaded = ['internal-audit', 'acme-prices'].filter((name) => name !== failed[0]);
    assert.deepEqual(
      scraperNodes(api).map((node) => node.name),
      loaded,
      'the other scraper is still shown',
    );
    assert.match(api.view.treeView.message ?? '', new RegExp(`^Partial: the messages of ${failed[0]} could not be loaded \\(.*HTTP 403`));
    await api.store.refresh({ manual: true });
    assert.equal(api.view.treeView.message, undefined, 'the mark goes once everything loads again');
  });
});
