/**
 * The language-model tools in the real extension host, called with vscode.lm.invokeTool
 * (no model needed) against the local server.
 *
 * What code-server 4.139 (VS Code 1.139) does with a confirmation when the call has no
 * toolInvocationToken (no chat session): LanguageModelToolsService.invokeTool calls the
 * tool's prepareInvocation and, when it returns confirmationMessages, opens a modal
 * dialog in the workbench (IDialogService.confirm, title as message, the markdown as
 * plain-text detail); "Cancel" rejects invokeTool with a CancellationError, and only
 * "Yes" calls invoke. Nothing in the extension host can answer that dialog, so calls that
 * would send or acknowledge are driven here through the very tool objects registered with
 * vscode.lm (api.tools): prepareInvocation, whose confirmation the test reads, then invoke.
 * Every call that sends nothing (list, a KILL preview, refused tokens, bad input, a
 * server switch, foreign ids) asks for no confirmation and goes through invokeTool itself.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TOKEN_LIFETIME_MS } from '../../src/tools/killConfirmations';
import { systemClock } from '../../src/util/clock';
import type { RunningScrapeHubServer } from '../server/scrapeHubServer';
import { ManualClock } from '../support/manualClock';
import { connect, connectedSuite, startServer, tooltipText, waitFor, withAnswers } from './harness';

const LIST = 'scrapehub_listPendingMessages';
const SEND = 'scrapehub_sendMessage';
const ACK = 'scrapehub_acknowledgeMessages';
const KEYS = /demo-key|admin-key|other-key/;

describe('Language-model tools', () => {
  const suite = connectedSuite();
  let other: RunningScrapeHubServer;
  const label = () => new URL(suite.server.origin).host;
  const posts = (server: RunningScrapeHubServer, path: string) => server.requests.filter((r) => r.path === path);

  before(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    other = await startServer();
  });
  afterEach(() => (suite.api.tools.kills.clock = systemClock));
  after(async () => {
    await vscode.workspace.getConfiguration('scrapehub').update('refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await other.close();
  });

  function textOf(result: vscode.LanguageModelToolResult): string {
    const text = result.content
      .map((part) => (part as { value?: unknown }).value)
      .filter((value) => typeof value === 'string')
      .join('');
    assert.doesNotMatch(text, KEYS, 'an API key in a tool result');
    return text;
  }
  /** Through VS Code, as a chat agent calls it. */
  async function invokeTool(name: string, input: object): Promise<string> {
    return textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token));
  }
  const none = new vscode.CancellationTokenSource().token;
  /** What VS Code does for a call it confirms, on the registered tool object: the confirmation, then (if confirmed) invoke. */
  async function prepare(name: string, input: object): Promise<{ title?: string; message: string }> {
    const prepared = await suite.api.tools.get(name).prepareInvocation?.({ input }, none);
    const confirmation = prepared?.confirmationMessages;
    const message = typeof confirmation?.message === 'string' ? confirmation.message : tooltipText(confirmation?.message);
    assert.doesNotMatch(`${confirmation?.title} ${message}`, KEYS, 'an API key in a confirmation');
    return { title: confirmation?.title, message };
  }
  async function invokeConfirmed(name: string, input: object): Promise<string> {
    const result = await suite.api.tools.get(name).invoke({ input, toolInvocationToken: undefined }, none);
    assert.ok(result, 'a result');
    return textOf(result);
  }
  const tokenIn = (preview: string): string => {
    const match = /confirmationToken "(kill-[\w-]+)"/.exec(preview);
    assert.ok(match, `a token in: ${preview}`);
    return match[1];
  };

  describe('list', () => {
    it('answers from fresh data without a request, naming the server, one line per pending message', async () => {
      const before = suite.server.requests.length;
      const text = await invokeTool(LIST, { scraper: 'acme-prices' });
      assert.equal(suite.server.requests.length, before, 'no request for fresh data');
      const lines = text.split('\n');
      assert.match(
        lines[0],
        new RegExp(
          `^2 of 2 pending messages \\(scraper "acme-prices"\\) on ScrapeHub server "${label()}", newest first\\. Data fetched just now\\.$`,
        ),
      );
      assert.match(
        lines[1],
        /^- id="[^"]+" \| scraper="acme-prices" \| type="KILL_REQUEST" \| text="stop: site maintenance" \| created 20 min ago \| expires in 60 min$/,
      );
      assert.match(
        await invokeTool(LIST, { type: 'START', limit: 1 }),
        /^1 of 3 pending messages \(type "START"\).*\n.*\n2 more not shown/,
      );
    });

    it('says STALE, with the reason, when the data is old and the refresh fails', async () => {
      suite.server.addFault({ operation: 'getMessages', status: 500 });
      await suite.api.store.refresh({ manual: true });
      assert.ok(suite.api.store.isStale);
      const text = await invokeTool(LIST, {});
      assert.match(text, /pending messages on ScrapeHub server .*\nSTALE: the last refresh failed \(.*500.*\), so this is the older data/);
      suite.server.clearFaults();
      assert.doesNotMatch(await invokeTool(LIST, {}), /STALE/, 'refreshed once the data was not fresh');
    });

    it('answers bad input with what to fix, and asks the server nothing', async () => {
      const before = suite.server.requests.length;
      assert.equal(await invokeTool(LIST, { limit: 1000 }), '"limit" must be a whole number from 1 to 200.');
      assert.match(await invokeTool(LIST, { scraperName: 'x' }), /^Unknown field\(s\): scraperName\. Allowed: scraper, type, limit\.$/);
      assert.equal(suite.server.requests.length, before);
    });
  });

  describe('send', () => {
    it('confirms a START naming server, scraper, type, text and expiry, then posts it once there', async () => {
      const input = { scraperName: 'acme-prices', messageType: 'START', message: 'run *now*', expiresAt: '2099-01-01T00:00:00Z' };
      const { title, message } = await prepare(SEND, input);
      assert.equal(title, `Send START to "acme-prices" on ${label()}?`);
      assert.equal(
        message,
        [
          `**Server:** ${label()} (${suite.server.baseUrl})`,
          '**Scraper:** acme-prices',
          '**Type:** START',
          '**Text:** run *now*',
          '**Expiry:** expires at 2099-01-01T00:00:00.000Z',
        ].join('  \n'),
      );
      const text = await invokeConfirmed(SEND, input);
      assert.match(
        text,
        new RegExp(
          `^Sent: START to scraper "acme-prices", text "run \\*now\\*", expires at 2099-01-01T00:00:00.000Z, on the ScrapeHub server "${label()}"\\. Message id "[^"]+"\\.$`,
        ),
      );
      assert.deepEqual(
        posts(suite.server, '/sendMessage').map((r) => r.body),
        [{ scraperName: 'acme-prices', messageType: 'START', message: 'run *now*', expiresAt: '2099-01-01T00:00:00.000Z' }],
      );
    });

    it('tells an unknown outcome as "may have been delivered" (or delivered, once listed), and does not post again', async () => {
      suite.server.addFault({ operation: 'sendMessage', times: 1, afterHandling: true, status: 502 });
      const input = { scraperName: 'news-crawler', messageType: 'START', message: 'lost answer' };
      await prepare(SEND, input);
      const text = await invokeConfirmed(SEND, input);
      assert.match(text, /^Delivered: START to scraper "news-crawler".*The server did not confirm it, but it is listed now as message id/);
      suite.server.addFault({ operation: 'sendMessage', times: 1, status: 504 });
      await prepare(SEND, { ...input, message: 'gateway timeout' });
      assert.match(
        await invokeConfirmed(SEND, { ...input, message: 'gateway timeout' }),
        /did not confirm: .* It MAY HAVE BEEN DELIVERED\. Do not send it again without asking the user\. It is not listed after a refresh/,
      );
      assert.equal(posts(suite.server, '/sendMessage').length, 2, 'one POST per call, never retried');
    });

    it('answers bad input with what to fix, without a confirmation or a request', async () => {
      const before = suite.server.requests.length;
      assert.equal((await prepare(SEND, { scraperName: 'acme-prices', messageType: 'STOP' })).title, undefined);
      assert.equal(
        await invokeTool(SEND, { scraperName: 'acme-prices', messageType: 'STOP' }),
        '"messageType" must be one of: KILL_REQUEST, START.',
      );
      assert.equal(
        await invokeTool(SEND, { scraperName: 'acme-prices', messageType: 'START', expiresAt: '2020-01-01T00:00:00Z' }),
        '"expiresAt": The expiry must be in the future.',
      );
      assert.equal(suite.server.requests.length, before);
    });
  });

  describe('KILL_REQUEST two-step', () => {
    const kill = { scraperName: 'shop-inventory', messageType: 'KILL_REQUEST', message: 'proxy bill' };

    it('previews without sending, then sends on the second call with the token, once', async () => {
      const preview = await invokeTool(SEND, kill);
      assert.match(
        preview,
        new RegExp(
          `^NOT SENT YET\\. .*Preview: KILL_REQUEST to scraper "shop-inventory", text "proxy bill", never expires, on the ScrapeHub server "${label()}"`,
        ),
      );
      assert.equal(posts(suite.server, '/sendMessage').length, 0, 'the first call sends nothing');
      const token = tokenIn(preview);
      const { title, message } = await prepare(SEND, { ...kill, confirmationToken: token });
      assert.equal(title, `Send KILL_REQUEST to "shop-inventory" on ${label()}?`);
      assert.match(
        message,
        /\*\*Text:\*\* proxy bill {2}\n\*\*Expiry:\*\* never expires {2}\nThe scraper stops its current scrape when it reads this\./,
      );
      const { result: sent, prompts } = await withAnswers(suite.api, [{ confirm: true }], () =>
        invokeConfirmed(SEND, { ...kill, confirmationToken: token }),
      );
      assert.match(sent, /^Sent: KILL_REQUEST to scraper "shop-inventory"/);
      assert.match(
        prompts.asked[0]?.message ?? '',
        new RegExp(`^Send KILL_REQUEST to "shop-inventory" on ${label()}\\?$`),
        'the person confirmed it in a modal of ours too',
      );
      assert.equal(
        await invokeTool(SEND, { ...kill, confirmationToken: token }),
        'The confirmation token is unknown or was already used. Nothing was sent. Call again without confirmationToken for a new preview, and show it to the user.',
      );
      assert.deepEqual(
        posts(suite.server, '/sendMessage').map((r) => r.body),
        [{ scraperName: 'shop-inventory', messageType: 'KILL_REQUEST', message: 'proxy bill' }],
      );
    });

    it('sends nothing when the person declines our own KILL_REQUEST modal, whatever VS Code allowed', async () => {
      const token = tokenIn(await invokeTool(SEND, kill));
      await prepare(SEND, { ...kill, confirmationToken: token });
      const { result } = await withAnswers(suite.api, [{ confirm: false }], () =>
        invokeConfirmed(SEND, { ...kill, confirmationToken: token }),
      );
      assert.equal(result, 'The user did not confirm the KILL_REQUEST in VS Code. Nothing was sent.');
      assert.equal(posts(suite.server, '/sendMessage').length, 0);
    });

    it('refuses an expired token and a token for a different request', async () => {
      const clock = new ManualClock(Date.now());
      suite.api.tools.kills.clock = clock;
      const late = tokenIn(await invokeTool(SEND, kill));
      await clock.advance(TOKEN_LIFETIME_MS + 1);
      assert.match(
        await invokeTool(SEND, { ...kill, confirmationToken: late }),
        /^The confirmation token has expired\. Nothing was sent\./,
      );
      const changed = tokenIn(await invokeTool(SEND, kill));
      assert.match(
        await invokeTool(SEND, { ...kill, message: 'something else', confirmationToken: changed }),
        /^The confirmation token was issued for a different request/,
      );
      assert.equal(posts(suite.server, '/sendMessage').length, 0);
    });

    it('refuses the second call after a server switch, and posts to neither server', async () => {
      other.reset();
      const token = tokenIn(await invokeTool(SEND, kill));
      await connect(suite.api, other, 'demo-key');
      assert.match(
        await invokeTool(SEND, { ...kill, confirmationToken: token }),
        /^The confirmation token was issued for another ScrapeHub server or API key/,
      );
      assert.equal(posts(suite.server, '/sendMessage').length + posts(other, '/sendMessage').length, 0);
    });
  });

  it('sends nothing when the server changes while a confirmation is open, and says so', async () => {
    other.reset();
    const input = { scraperName: 'acme-prices', messageType: 'START' };
    assert.match((await prepare(SEND, input)).title ?? '', new RegExp(`on ${label()}\\?$`));
    await connect(suite.api, other, 'demo-key');
    await waitFor(() => suite.api.connection.active?.address.origin === other.origin, 'the other server is active');
    assert.match(
      await invokeConfirmed(SEND, input),
      new RegExp(
        `^The active ScrapeHub server changed from "${label()}" to "${new URL(other.origin).host}" after this call was prepared, so nothing was done on either\\.`,
      ),
    );
    assert.equal(posts(suite.server, '/sendMessage').length + posts(other, '/sendMessage').length, 0);
  });

  describe('acknowledge', () => {
    it('confirms naming the messages and the server, then acknowledges them there', async () => {
      const target = suite.api.store.groups().find((group) => group.name === 'shop-inventory')!.messages[0];
      const { title, message } = await prepare(ACK, { ids: [target.id] });
      assert.equal(title, `Acknowledge 1 message on ${label()}?`);
      assert.match(
        message,
        new RegExp(
          `^\\*\\*Server:\\*\\* ${label()} .*\n- ${target.id}: KILL_REQUEST for shop-inventory — proxy pool exhausted {2}\nAcknowledged messages disappear for everyone`,
        ),
      );
      assert.equal(await invokeConfirmed(ACK, { ids: [target.id] }), `On the ScrapeHub server "${label()}": acknowledged "${target.id}".`);
      assert.ok(suite.server.messages.find((m) => m.id === target.id)?.acknowledgedAt);
    });

    it("refuses ids that are not pending on the active server (another server's included), acknowledging none", async () => {
      const foreign = other.addMessage({
        id: `foreign-${Date.now()}`,
        scraperName: 'acme-prices',
        messageType: 'START',
        message: 'elsewhere',
      });
      const mine = suite.api.store.groups()[0].messages[0];
      assert.equal(
        (await prepare(ACK, { ids: [mine.id, foreign.id] })).title,
        undefined,
        'no confirmation for a call that will be refused',
      );
      const text = await invokeTool(ACK, { ids: [mine.id, foreign.id] });
      assert.equal(
        text,
        `Nothing was acknowledged: "${foreign.id}" is not pending on the ScrapeHub server "${label()}" (from another server, already acknowledged, expired, or not an id). Call scrapehub_listPendingMessages for the current ids.`,
      );
      assert.equal(
        await invokeTool(ACK, { ids: [] }),
        '"ids" must be a non-empty array of message ids (strings), as listed by scrapehub_listPendingMessages.',
      );
      assert.equal(posts(suite.server, '/ackMessage').length + posts(other, '/ackMessage').length, 0);
    });
  });
});
