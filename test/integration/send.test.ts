import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connect, connectedSuite, recordNotices, scraperNode, waitFor, withAnswers, shownMessage } from './harness';

const HOUR = { kind: 'relative', minutes: 60 };
const NEVER = { kind: 'none' };

describe('Send Message', () => {
  const suite = connectedSuite();
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.scrapehub');
  });

  function sent() {
    return suite.server.requests.filter((r) => r.path === '/sendMessage');
  }

  it('sends a KILL_REQUEST after a modal confirmation naming the scraper, then reveals it', async () => {
    const notices = recordNotices(suite.api);
    const { prompts } = await withAnswers(
      suite.api,
      [{ pick: 'shop-inventory' }, { pick: 'KILL_REQUEST' }, { input: 'stop: proxy ban' }, { pick: HOUR }, { confirm: true }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    const confirm = prompts.asked.find((q) => q.kind === 'confirm')!;
    assert.match(confirm.message!, /KILL_REQUEST to "shop-inventory"/);
    assert.equal(sent().length, 1);
    const body = sent()[0].body as Record<string, string>;
    assert.equal(body.scraperName, 'shop-inventory');
    assert.equal(body.message, 'stop: proxy ban');
    const expiresIn = Date.parse(body.expiresAt) - Date.now();
    assert.ok(expiresIn > 58 * 60_000 && expiresIn <= 60 * 60_000, `expires in ${expiresIn} ms`);
    const stored = suite.server.messages.find((m) => m.message === 'stop: proxy ban')!;
    assert.ok(shownMessage(suite.api, stored.id), 'the tree has the new message');
    await waitFor(
      () => suite.api.view.treeView.selection.some((node) => node.kind === 'message' && node.message.id === stored.id),
      'new message selected',
    );
    assert.ok(notices.some((n) => n.severity === 'info' && /Sent KILL_REQUEST/.test(n.message)));
  });

  it('does not send a KILL_REQUEST when the confirmation is declined, and keeps the draft', async () => {
    await withAnswers(
      suite.api,
      [{ pick: 'acme-prices' }, { pick: 'KILL_REQUEST' }, { input: 'maybe' }, { pick: NEVER }, { confirm: false }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(sent().length, 0);
    assert.equal(suite.api.unsentDraft?.text, 'maybe');
  });

  it('sends START without confirmation, and pre-fills the scraper when started from its node', async () => {
    const node = scraperNode(suite.api, 'weather-feed');
    const { prompts } = await withAnswers(suite.api, [{ pick: 'START' }, { input: '' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage', node),
    );
    assert.equal(prompts.asked[0].step, 2, 'starts at the type step');
    assert.deepEqual(
      sent().map((r) => r.body),
      [{ scraperName: 'weather-feed', messageType: 'START' }],
    );
    assert.equal(suite.api.unsentDraft, undefined, 'a sent draft is not kept');
  });

  it("shows the server's 403 message and resends the same values after editing only the scraper", async () => {
    await connect(suite.api, suite.server, 'outsider-key');
    const notices = recordNotices(suite.api, (notice) => (notice.severity === 'error' ? 'Edit and Resend…' : undefined));
    const { prompts } = await withAnswers(
      suite.api,
      [
        { freeText: 'acme-prices' },
        { pick: 'START' },
        { input: 'nightly' },
        { pick: NEVER },
        // After the 403 the flow opens again with everything as typed; only the scraper changes.
        { pick: 'weather-feed' },
        { pick: 'START' },
        { input: 'nightly' },
        { pick: NEVER },
      ],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    const error = notices.find((n) => n.severity === 'error')!;
    assert.match(error.message, /User is not assigned to this scraper/);
    assert.deepEqual(
      error.actions,
      ['Retry', 'Edit and Resend…', 'Show Log'],
      'no Set API Key: the key is fine, the scraper is not assigned',
    );
    const secondRound = prompts.asked.slice(4);
    assert.equal(secondRound[0].active, 'acme-prices');
    assert.equal(secondRound[1].active, 'START');
    assert.equal(secondRound[2].value, 'nightly');
    assert.deepEqual(
      sent().map((r) => (r.body as { scraperName: string }).scraperName),
      ['acme-prices', 'weather-feed'],
    );
  });

  it('offers to retry with the same values without asking again when the server certainly did not act', async () => {
    suite.server.addFault({
      operation: 'sendMessage',
      times: 1,
      status: 429,
      body: { success: false, code: 'INTERNAL', message: 'database busy', traceId: 'trace-42' },
    });
    const notices = recordNotices(suite.api, (notice) => (notice.severity === 'error' ? 'Retry' : undefined));
    await withAnswers(suite.api, [{ pick: 'news-crawler' }, { pick: 'START' }, { input: 'again' }, { pick: NEVER }], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    const error = notices.find((n) => n.severity === 'error')!;
    assert.match(error.message, /database busy/);
    assert.match(error.message, /trace id trace-42/);
    assert.deepEqual(error.actions, ['Retry', 'Edit and Resend…', 'Show Log'], 'three buttons, so none is cut short');
    assert.equal(sent().length, 2);
    assert.deepEqual(sent()[0].body, sent()[1].body);
    assert.equal(suite.server.messages.filter((m) => m.message === 'again').length, 1);
  });

  it('keeps a dismissed draft and offers it next time', async () => {
    await withAnswers(suite.api, [{ pick: 'acme-prices' }, { pick: 'START' }, { input: 'half typed' }, 'dismiss'], () =>
      vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    const { prompts } = await withAnswers(
      suite.api,
      [{ pick: 'acme-prices' }, { pick: 'START' }, { input: 'half typed' }, { pick: NEVER }],
      () => vscode.commands.executeCommand('scrapehub.sendMessage'),
    );
    assert.equal(prompts.asked[0].active, 'acme-prices');
    assert.equal(prompts.asked[2].value, 'half typed');
    assert.equal(sent().length, 1);
  });

  describe('scrapers the user may message', () => {
    const NOT_ASSIGNED = 'You are not assigned to this scraper; the server will probably refuse.';
    const userSettingsRequests = () => suite.server.requests.filter((r) => r.path === '/userSettings').length;
    /**
     * The offered scrapers, compared without the draft's scraper: a draft kept from an
     * earlier test is listed (first) whether or not it is offered.
     */
    const offered = (items: string[] | undefined, draft: string | undefined) => (items ?? []).filter((item) => item !== draft);
    const expect = (names: string[], draft: string | undefined) => names.filter((name) => name !== draft);

    it('offers an operator only her four assignments, warns on another typed name, and asks nothing extra', async () => {
      const before = userSettingsRequests();
      const draft = suite.api.unsentDraft?.scraperName;
      const { prompts } = await withAnswers(suite.api, [{ freeText: 'internal-audit' }, 'dismiss'], () =>
        vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
      assert.deepEqual(
        offered(prompts.asked[0].items, draft),
        expect(['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'], draft),
      );
      assert.deepEqual(prompts.asked[0].freeTextRow, { label: 'Send to "internal-audit"', warning: NOT_ASSIGNED });
      assert.equal(
        prompts.asked[1].title,
        `Send Message to internal-audit · ${new URL(suite.server.baseUrl).host}`,
        'the warned name can still be chosen',
      );
      assert.equal(userSettingsRequests(), before, 'the roles come from the data already loaded');
    });

    it('offers an admin every known scraper and any typed name without a warning', async () => {
      await connect(suite.api, suite.server, 'admin-key');
      const draft = suite.api.unsentDraft?.scraperName;
      const { prompts } = await withAnswers(suite.api, [{ freeText: 'brand-new-scraper' }, 'dismiss'], () =>
        vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
      assert.deepEqual(
        offered(prompts.asked[0].items, draft),
        expect(['acme-prices', 'internal-audit', 'news-crawler', 'shop-inventory'], draft),
      );
      assert.deepEqual(prompts.asked[0].freeTextRow, { label: 'Send to "brand-new-scraper"', warning: undefined });
      assert.equal(prompts.asked[0].warnings, undefined);
    });

    it('offers an outsider only her scraper; a refused send reopens with the warning until she is assigned', async () => {
      await connect(suite.api, suite.server, 'outsider-key');
      recordNotices(suite.api, (notice) => (notice.severity === 'error' ? 'Edit and Resend…' : undefined));
      const olga = suite.server.users.find((user) => user.apiKey === 'outsider-key')!;
      const draft = suite.api.unsentDraft?.scraperName;
      const { prompts } = await withAnswers(
        suite.api,
        [{ freeText: 'acme-prices' }, { pick: 'START' }, { input: 'please' }, { pick: NEVER }, 'dismiss'],
        () => vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
      assert.deepEqual(offered(prompts.asked[0].items, draft), expect(['weather-feed'], draft));
      assert.equal(prompts.asked[0].freeTextRow?.warning, NOT_ASSIGNED);
      assert.deepEqual(prompts.asked[4].warnings, { 'acme-prices': NOT_ASSIGNED }, 'the pre-filled name still warns');

      // An admin assigns her; after the next refusal, Edit and Resend re-reads her assignments.
      suite.server.addUser({ ...olga, scraperAssignments: [...olga.scraperAssignments, 'acme-prices'] });
      suite.server.addFault({
        operation: 'sendMessage',
        times: 1,
        status: 403,
        body: { success: false, code: 'FORBIDDEN', message: 'User is not assigned to this scraper' },
      });
      const again = await withAnswers(
        suite.api,
        [{ pick: 'acme-prices' }, { pick: 'START' }, { input: 'please' }, { pick: NEVER }, 'dismiss'],
        () => vscode.commands.executeCommand('scrapehub.sendMessage'),
      );
      assert.equal(again.prompts.asked[0].warnings?.['acme-prices'], NOT_ASSIGNED, 'before the re-read');
      assert.deepEqual(again.prompts.asked[4].items, ['acme-prices', 'weather-feed']);
      assert.equal(again.prompts.asked[4].warnings, undefined, 'no warning once she is assigned');
    });
  });
});
