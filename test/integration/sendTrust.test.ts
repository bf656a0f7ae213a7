import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing/testingApi';
import type { Notice } from '../../src/ui/notifier';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { connect, extensionApi, messageNodes, setServerUrl, startServer, waitFor, withAnswers } from './harness';

const NEVER = { kind: 'none' };
const config = () => vscode.workspace.getConfiguration('scrapehub');

/**
 * Two servers, "prod" and "staging", with a key each. The server URL is changed through the
 * configuration API, as Switch Server in another window does, while a question is open.
 */
describe('Send Message: bound to its server, honest about unknown outcomes', () => {
  let api: TestingApi;
  let prod: RunningScrapeHubServer;
  let staging: RunningScrapeHubServer;

  const posts = (server: RunningScrapeHubServer) => server.requests.filter((r) => r.path === '/sendMessage');
  const switchTo = async (server: RunningScrapeHubServer) => {
    await setServerUrl(server.baseUrl);
    await waitFor(() => api.store.state !== 'loading', 'the other server loaded');
  };

  /** Records notices; `answer` may take its time (a person reads first), as a promise. */
  function notices(answer: (notice: Notice) => string | undefined | Promise<string | undefined> = () => undefined): Notice[] {
    const seen: Notice[] = [];
    // The notifier resolves the observer's answer with Promise.resolve, so a promise works.
    api.observeNotifications((notice) => (seen.push(notice), answer(notice) as string | undefined));
    return seen;
  }

  before(async () => {
    api = await extensionApi();
    prod = await startServer();
    staging = await startServer();
    await config().update(
      'servers',
      [
        { name: 'prod', url: prod.baseUrl },
        { name: 'staging', url: staging.baseUrl },
      ],
      vscode.ConfigurationTarget.Global,
    );
  });
  beforeEach(async () => {
    prod.reset();
    staging.reset();
    await connect(api, staging);
    await connect(api, prod);
  });
  afterEach(async () => {
    api.observeNotifications(undefined);
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('servers', undefined, vscode.ConfigurationTarget.Global);
    await setServerUrl(undefined);
    await Promise.all([prod.close(), staging.close()]);
  });

  it('a server switch while the KILL_REQUEST confirmation is open sends nothing, names both, and keeps the draft', async () => {
    const seen = notices();
    const { prompts } = await withAnswers(
      api,
      [
        { pick: 'shop-inventory' },
        { pick: 'KILL_REQUEST' },
        { input: 'halt' },
        { pick: NEVER },
        { meanwhile: () => switchTo(staging), answer: { confirm: true } },
      ],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(posts(prod).length + posts(staging).length, 0, 'nothing sent to either server');
    assert.match(prompts.asked[4].message!, /^Send KILL_REQUEST to "shop-inventory" on prod\?$/);
    assert.match(prompts.asked[4].detail!, new RegExp(`Server: ${prod.baseUrl}`));
    assert.ok(
      prompts.asked.slice(0, 4).every((q) => q.title.endsWith(' · prod')),
      JSON.stringify(prompts.asked.map((q) => q.title)),
    );
    const warning = seen.find((n) => n.severity === 'warning')!;
    assert.match(warning.message, /changed from prod to staging/);
    assert.deepEqual(warning.actions, ['Start Again for staging']);
    assert.equal(api.unsentDraft?.text, 'halt');
  });

  it('stops right after the step during which the server changed', async () => {
    notices();
    const { prompts } = await withAnswers(
      api,
      [{ pick: 'news-crawler' }, { meanwhile: () => switchTo(staging), answer: { pick: 'START' } }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(prompts.asked.length, 2, 'no further step was asked');
    assert.equal(posts(prod).length + posts(staging).length, 0);
  });

  it('Start Again after a switch is a fresh flow naming the new server; only then does it go there, once', async () => {
    const seen = notices((notice) => (notice.actions.includes('Start Again for staging') ? 'Start Again for staging' : undefined));
    const { prompts } = await withAnswers(
      api,
      [
        { pick: 'acme-prices' },
        { pick: 'KILL_REQUEST' },
        { input: 'fresh' },
        { pick: NEVER },
        { meanwhile: () => switchTo(staging), answer: { confirm: true } },
        { pick: 'acme-prices' },
        { pick: 'KILL_REQUEST' },
        { input: 'fresh' },
        { pick: NEVER },
        { confirm: true },
      ],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.ok(prompts.asked.slice(5, 9).every((q) => q.title.endsWith(' · staging')));
    assert.match(prompts.asked[9].message!, /on staging\?$/);
    assert.equal(posts(prod).length, 0);
    assert.deepEqual(
      posts(staging).map((r) => (r.body as { message: string }).message),
      ['fresh'],
    );
    assert.ok(seen.some((n) => n.severity === 'info' && n.message === 'Sent KILL_REQUEST to "acme-prices" on staging.'));
  });

  it('Retry clicked after the server changed is refused, not re-targeted', async () => {
    prod.addFault({ operation: 'sendMessage', times: 1, status: 429 });
    const seen = notices(async (notice) => {
      if (notice.severity !== 'error') return undefined;
      await switchTo(staging);
      return 'Retry';
    });
    await withAnswers(api, [{ pick: 'news-crawler' }, { pick: 'START' }, { input: 'retry me' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.deepEqual(
      seen.find((n) => n.severity === 'error')!.actions.slice(0, 2),
      ['Retry', 'Edit and Resend…'],
      'a 429: certainly not done',
    );
    assert.equal(posts(prod).length, 1);
    assert.equal(posts(staging).length, 0);
    assert.ok(seen.some((n) => /changed from prod to staging/.test(n.message)));
  });

  describe('Send Again… of an acknowledged message', () => {
    /** Acknowledges prod's "nightly run" START and returns it. */
    async function acknowledgeNightlyRun() {
      const node = messageNodes(api, 'acme-prices').find((n) => n.message.message === 'nightly run')!;
      await vscode.commands.executeCommand('scrapehub.acknowledgeMessage', node, [node]);
      return node.message;
    }

    it('warns (modal) when a matching message is already pending, and sends nothing if declined', async () => {
      const message = await acknowledgeNightlyRun();
      prod.addMessage({ scraperName: 'acme-prices', messageType: 'START', message: 'nightly run' });
      notices();
      const { prompts } = await withAnswers(
        api,
        [{ pick: { id: message.id } }, { input: 'nightly run' }, { pick: NEVER }, { confirm: false }],
        () => vscode.commands.executeCommand('scrapehub.sendAgain'),
      );
      assert.equal(posts(prod).length, 0);
      assert.match(prompts.asked.at(-1)!.message!, /^A matching START to "acme-prices" is already pending on prod/);
    });

    it('stops, sending nothing anywhere, when the server changes while it is open', async () => {
      const message = await acknowledgeNightlyRun();
      const seen = notices();
      await withAnswers(api, [{ pick: { id: message.id } }, { meanwhile: () => switchTo(staging), answer: { input: 'nightly run' } }], () =>
        vscode.commands.executeCommand('scrapehub.sendAgain'),
      );
      assert.equal(posts(prod).length + posts(staging).length, 0);
      assert.ok(seen.some((n) => /changed from prod to staging/.test(n.message)));
    });
  });

  describe('unknown outcomes', () => {
    async function sendStart(text: string) {
      return withAnswers(api, [{ pick: 'news-crawler' }, { pick: 'START' }, { input: text }, { pick: NEVER }], () =>
        vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
    }

    for (const [name, fault] of [
      ['a timeout', { hang: true }],
      ['a dropped connection', { destroySocket: true }],
      ['an HTTP 500', { status: 500 }],
      ['a 2xx without a messageId', { status: 200, body: { success: true } }],
    ] as const) {
      it(`after ${name} once the server acted, finds the message, says it was delivered and offers no resend`, async () => {
        await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
        prod.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, ...fault });
        const seen = notices();
        await sendStart(`acted ${name}`);
        assert.equal(posts(prod).length, 1);
        const stored = prod.messages.filter((m) => m.message === `acted ${name}`);
        assert.equal(stored.length, 1);
        const info = seen.find((n) => n.severity === 'info')!;
        assert.match(info?.message ?? JSON.stringify(seen), /^The START to "news-crawler" on prod was delivered/);
        assert.deepEqual(info.actions, []);
        assert.ok(!seen.some((n) => n.actions.includes('Send Again') || n.actions.includes('Retry')), JSON.stringify(seen));
        await waitFor(
          () => api.view.treeView.selection.some((node) => node.kind === 'message' && node.message.id === stored[0].id),
          'revealed',
        );
        assert.equal(api.unsentDraft, undefined);
      });
    }

    it('when the message is not listed, says so and offers Send Again and Edit, never a plain Retry', async () => {
      prod.addFault({ operation: 'sendMessage', times: 1, status: 502 });
      const seen = notices();
      await sendStart('lost');
      const warning = seen.find((n) => n.severity === 'warning')!;
      assert.match(warning.message, /did not confirm the START to "news-crawler" on prod .*not listed after a refresh/);
      assert.deepEqual(warning.actions, ['Send Again', 'Edit and Resend…', 'Show Log']);
      assert.equal(posts(prod).length, 1, 'nothing re-sent without a click');
      assert.equal(api.unsentDraft?.text, 'lost');
    });

    it('when the check itself fails, says it could not check, and still offers no plain Retry', async () => {
      prod.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, status: 502 });
      prod.addFault({ operation: 'getMessages', times: 1, status: 500 });
      const seen = notices();
      await sendStart('unchecked');
      const warning = seen.find((n) => n.severity === 'warning')!;
      assert.match(warning.message, /could not be refreshed to check\. It may have been delivered/);
      assert.deepEqual(warning.actions, ['Send Again', 'Edit and Resend…', 'Show Log']);
      assert.equal(posts(prod).length, 1);
    });

    it('Send Again warns (modal) when a matching message is pending by then, and sends nothing if declined', async () => {
      prod.addFault({ operation: 'sendMessage', times: 1, status: 502 });
      notices((notice) => {
        if (notice.severity !== 'warning') return undefined;
        // The lost send turns up late (or another window sent the same).
        prod.addMessage({ scraperName: 'news-crawler', messageType: 'START', message: 'late' });
        return 'Send Again';
      });
      const { prompts } = await withAnswers(
        api,
        [{ pick: 'news-crawler' }, { pick: 'START' }, { input: 'late' }, { pick: NEVER }, { confirm: false }],
        () => vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
      assert.match(prompts.asked[4].message!, /matching START to "news-crawler" is already pending on prod/);
      assert.equal(posts(prod).length, 1);
    });

    it('when the server changed before the check, says it may have been delivered to the old one and offers nothing', async () => {
      await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      prod.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, hang: true });
      const seen = notices();
      const command = sendStart('switched');
      await waitFor(() => posts(prod).length === 1, 'the POST reached prod');
      await switchTo(staging);
      await command;
      const warning = seen.find((n) => n.severity === 'warning')!;
      assert.match(warning.message, /on prod, so it may have been delivered there/);
      assert.deepEqual(warning.actions, []);
      assert.equal(posts(staging).length, 0);
    });
  });
});
