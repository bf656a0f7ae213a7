/**
 * End-to-end: the user's whole workflow in the real VS Code workbench (code-server +
 * headless Chromium), with the packaged VSIX installed into a fresh profile and the local
 * ScrapeHub server running in this process. Everything happens through the UI a person
 * uses — activity bar, welcome buttons, command palette, quick input, context menu,
 * modal dialog, notifications, Settings editor — and is checked both on screen (by
 * accessible names, as a screen reader would read them) and on the server.
 *
 * The scenarios run in order in one workbench session, like a person's day. Each starts
 * by establishing what it needs (configured, signed in with the right key), so one failure
 * does not hide the results of the others. A failure saves a screenshot and a report to
 * test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoredMessage } from '../server/scrapeHubServer';
import { eventually, waitUntil } from './eventually';
import { linkAndToolScenarios } from './linkAndToolScenarios';
import { readmeScreenshotDir, saveFailureArtifacts, startE2eSession, type E2eSession } from './session';
import { repoRoot } from '../host/hostPaths';
import { vsixEntryNames } from './vsixContents';
import { escapeRegExp, Workbench } from './workbench';

const SEEDED_SCRAPERS = [
  'Scraper acme-prices, 2 pending messages',
  'Scraper news-crawler, 2 pending messages',
  'Scraper shop-inventory, 1 pending message',
  'Scraper weather-feed, 0 pending messages',
];

describe('ScrapeHub Messages in the VS Code workbench (packaged VSIX)', function () {
  let session: E2eSession | undefined;
  let wb: Workbench;
  /** The key the extension was last given and the server accepted, as far as this suite knows. */
  let signedInWith: string | undefined;

  const current = (): E2eSession => {
    assert.ok(session, 'the e2e session did not start');
    return session;
  };

  before(async function () {
    // Packaging, installing the VSIX, starting code-server and loading the workbench.
    this.timeout(8 * 60_000);
    session = await startE2eSession();
    wb = new Workbench(session.page);
  });

  after(async function () {
    this.timeout(2 * 60_000);
    await session?.stop();
  });

  beforeEach(async function () {
    if (!session) return;
    await wb.closeTransientUi();
    await wb.clearNotifications();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const saved = await saveFailureArtifacts(session, session?.page, test.fullTitle());
    console.log(`      failure artifacts: ${saved.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
  });

  // ---- what the server holds, as the oracle for the tree ----

  function userFor(apiKey: string) {
    const user = current().hub.users.find((candidate) => candidate.apiKey === apiKey);
    assert.ok(user, `no user with key ${apiKey} on the local server`);
    return user;
  }

  function isPending(message: StoredMessage): boolean {
    return message.acknowledgedAt === undefined && (message.expiresAt === undefined || Date.parse(message.expiresAt) > Date.now());
  }

  function pendingOf(scraperName: string): StoredMessage[] {
    return current().hub.messages.filter((message) => message.scraperName === scraperName && isPending(message));
  }

  /** The scraper rows an operator should see: their assignments, with the pending counts the server holds. */
  function expectedScraperRows(apiKey: string): string[] {
    return [...userFor(apiKey).scraperAssignments]
      .sort((a, b) => a.localeCompare(b))
      .map((name) => {
        const count = pendingOf(name).length;
        return `Scraper ${name}, ${count === 1 ? '1 pending message' : `${count} pending messages`}`;
      });
  }

  function totalPending(apiKey: string): number {
    return userFor(apiKey).scraperAssignments.reduce((sum, name) => sum + pendingOf(name).length, 0);
  }

  async function waitForTree(rows: string[], timeoutMs = 30_000): Promise<void> {
    await eventually(
      `the tree to list ${JSON.stringify(rows)}`,
      () => wb.scraperRowLabels(),
      (labels) => JSON.stringify(labels) === JSON.stringify(rows),
      timeoutMs,
    );
  }

  function labelOf(row: ReturnType<Workbench['messageRow']>): Promise<string> {
    return row.getAttribute('aria-label').then((label) => label ?? '');
  }

  // ---- steps shared by several scenarios ----

  function serverIsConfigured(): boolean {
    return fs.existsSync(current().userSettingsFile) && fs.readFileSync(current().userSettingsFile, 'utf8').includes(current().hub.baseUrl);
  }

  async function configureFromPalette(apiKey: string): Promise<void> {
    const { hub } = current();
    signedInWith = undefined;
    await wb.runCommand('ScrapeHub: Configure Server…');
    await wb.waitForQuickInput(/^Configure ScrapeHub Server \(1\/2\)$/);
    await wb.typeIntoInputBox(hub.baseUrl);
    await wb.waitForQuickInput(new RegExp(`^API key for ${escapeRegExp(hub.origin)}( on the remote machine \\S+)? \\(2/2\\)$`));
    assert.equal(await wb.quickInputBox.getAttribute('type'), 'password', 'the key box hides what is typed');
    await wb.typeIntoInputBox(apiKey);
    await wb.quickInput.waitFor({ state: 'hidden' });
  }

  async function setKeyFromPalette(apiKey: string): Promise<void> {
    signedInWith = undefined;
    await wb.runCommand('ScrapeHub: Set API Key…');
    await wb.waitForQuickInput(new RegExp(`^API key for ${escapeRegExp(current().hub.origin)}( on the remote machine \\S+)?$`));
    assert.equal(await wb.quickInputBox.getAttribute('type'), 'password', 'the key box hides what is typed');
    await wb.typeIntoInputBox(apiKey);
    await wb.quickInput.waitFor({ state: 'hidden' });
  }

  /** Configured for the local server, signed in with `apiKey`, the tree showing that user's scrapers. */
  async function ensureSignedIn(apiKey: string): Promise<void> {
    await wb.openScrapeHubView();
    if (!serverIsConfigured()) {
      await configureFromPalette(apiKey);
    } else if (signedInWith !== apiKey) {
      await setKeyFromPalette(apiKey);
    }
    await waitForTree(expectedScraperRows(apiKey));
    signedInWith = apiKey;
  }

  async function collapseScraper(name: string): Promise<void> {
    const row = wb.scraperRow(name);
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await eventually(
        `the row of ${name} to be collapsed`,
        () => row.getAttribute('aria-expanded'),
        (value) => value === 'false',
      );
      await wb.restMouse();
    }
  }

  function readmeScreenshot(name: string): string {
    return path.join(readmeScreenshotDir(), name);
  }

  // ---- scenarios ----

  it('0. the VSIX ships both bundles, the manifest, its translations, both icons and the walkthrough pages, and nothing else', function () {
    const entries = vsixEntryNames(current().vsix).filter((entry) => entry.startsWith('extension/'));
    const translations = ['extension/package.nls.json'];
    const walkthroughPages = (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] };
      }
    ).contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => `extension/${step.media.markdown}`));
    for (const needed of [
      'extension/package.json',
      ...translations,
      'extension/dist/extension.js',
      'extension/dist/parseWorker.js',
      'extension/media/scrapehub.svg',
      'extension/media/icon.png',
      ...walkthroughPages,
    ]) {
      assert.ok(entries.includes(needed), `${needed} is in the VSIX (entries: ${entries.join(', ')})`);
    }
    const unexpected = entries.filter(
      (entry) =>
        /^extension\/(src|test|out|node_modules|scripts|\.vscode-test|test-results|media\/screenshots)\//.test(entry) ||
        /\.(ts|map)$/.test(entry) ||
        // The English string bundle is the translators' source; VS Code never loads it.
        entry === 'extension/l10n/bundle.l10n.json',
    );
    assert.deepEqual(unexpected, [], 'sources, tests, source maps and README screenshots stay out of the VSIX');
  });

  it('1. fresh install, no server: the activity-bar icon, the welcome view, and its button starts the configure flow', async function () {
    const { page, hub } = current();
    await wb.activityBarEntry.waitFor({ state: 'visible' });
    assert.equal(await wb.activityBarIcon.getAttribute('aria-label'), 'ScrapeHub');
    // The icon is the contributed SVG, served from the installed extension (a missing file would 404).
    const iconUrl = await wb.activityBarIcon.evaluate((element) => {
      const style = getComputedStyle(element);
      const mask = style.maskImage || style.getPropertyValue('-webkit-mask-image');
      return /url\("?([^")]+)"?\)/.exec(mask)?.[1];
    });
    assert.ok(iconUrl !== undefined && iconUrl.includes('scrapehub.svg'), `the activity-bar icon is media/scrapehub.svg (got ${iconUrl})`);
    const icon = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    }, iconUrl);
    assert.equal(icon.status, 200, 'the icon file is in the installed extension');
    assert.match(icon.body, /<svg[\s>]/);

    await wb.openScrapeHubView();
    const welcome = wb.welcome.filter({ hasText: 'Connect to a ScrapeHub server to see the messages waiting for your scrapers.' });
    await welcome.waitFor({ state: 'visible' });
    assert.equal(await wb.rows.count(), 0, 'no tree rows before a server is configured');

    await welcome.getByRole('button', { name: 'Configure Server', exact: true }).click();
    await wb.waitForQuickInput(/^Configure ScrapeHub Server \(1\/2\)$/);
    assert.equal(await wb.quickInputBox.getAttribute('placeholder'), 'https://hub.example.com/scrapehub/api');
    // Cancelling configures nothing.
    await wb.quickInputBox.press('Escape');
    await wb.quickInput.waitFor({ state: 'hidden' });
    await welcome.waitFor({ state: 'visible' });
    assert.equal(hub.requests.length, 0, 'nothing was sent anywhere');
  });

  it('2. configure through the palette: the tree lists the seeded scrapers with their counts, the badge shows the total', async function () {
    const { hub, userSettingsFile } = current();
    await wb.openScrapeHubView();
    await configureFromPalette('demo-key');

    await waitForTree(SEEDED_SCRAPERS);
    assert.deepEqual(await wb.scraperRowLabels(), expectedScraperRows('demo-key'), 'the tree matches the server');
    for (const [name, count] of [
      ['acme-prices', '2'],
      ['news-crawler', '2'],
      ['shop-inventory', '1'],
      ['weather-feed', '0'],
    ]) {
      assert.equal(await wb.scraperRow(name).locator('.label-description').innerText(), count, `${name} shows its count`);
    }
    await wb.waitForBadge(5);
    assert.match((await wb.activityBarEntry.getAttribute('aria-label')) ?? '', /5 pending messages/);
    signedInWith = 'demo-key';

    // The key went to the server in its header, and into no settings file.
    assert.ok(hub.requests.some((request) => request.path === '/getMessages' && request.apiKey === 'demo-key'));
    const settings = fs.readFileSync(userSettingsFile, 'utf8');
    assert.ok(settings.includes(`"scrapehub.serverUrl": "${hub.baseUrl}"`), 'the URL is a user setting');
    assert.ok(!settings.includes('demo-key'), 'the key is not in settings.json');
  });

  it('3. expanding a scraper shows its messages with type icons and ages; hovering shows the tooltip', async function () {
    const { hub } = current();
    await ensureSignedIn('demo-key');
    await wb.expandScraper('acme-prices');
    const kill = wb.messageRow('KILL_REQUEST', 'stop: site maintenance');
    const start = wb.messageRow('START', 'nightly run');
    await kill.waitFor({ state: 'visible' });
    await start.waitFor({ state: 'visible' });
    // Screen readers get words, not the row's short forms ("min", "h").
    assert.match(await labelOf(kill), /^KILL_REQUEST for acme-prices: stop: site maintenance, \d+ minutes old, expires in \d+ minutes$/);
    assert.match(await labelOf(start), /^START for acme-prices: nightly run, \d+ hours old, never expires$/);
    assert.match((await kill.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '', /\bcodicon-stop-circle\b/);
    assert.match((await start.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '', /\bcodicon-play-circle\b/);
    assert.match(
      await kill.locator('.label-description').innerText(),
      /^\d+ min ago · expires in \d+ min$/,
      'the age is shown, not only read out',
    );
    assert.match(await start.locator('.label-description').innerText(), /^\d+ h ago$/);

    // Newest first: the KILL_REQUEST (20 min old) is above the START (3 h old).
    const acmeRows = await wb.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(
      acmeRows.findIndex((label) => label.startsWith('KILL_REQUEST for acme-prices: stop: site maintenance')) <
        acmeRows.findIndex((label) => label.startsWith('START for acme-prices: nightly run')),
    );

    await wb.expandScraper('news-crawler');
    await wb.expandScraper('shop-inventory');
    await wb.messageRow('KILL_REQUEST', 'proxy pool exhausted').waitFor({ state: 'visible' });

    const message = hub.messages.find((candidate) => candidate.message === 'stop: site maintenance');
    assert.ok(message);
    await kill.locator('.label-name').hover();
    const tooltip = wb.hover.filter({ hasText: `ID: ${message.id}` });
    await tooltip.waitFor({ state: 'visible' });
    const text = await tooltip.innerText();
    assert.match(text, /KILL_REQUEST for acme-prices/);
    assert.match(text, /stop: site maintenance/);
    assert.match(text, /Expires: .*\(in \d+ min\)/);
    await wb.screenshotOf(readmeScreenshot('tree.png'), [
      wb.activityBarEntry,
      wb.sideBar.locator('.composite.title'),
      wb.rows.last(),
      tooltip,
    ]);
    await wb.restMouse();
    await tooltip.waitFor({ state: 'hidden' });
  });

  it('4. acknowledge from the context menu: the row disappears, counts and badge drop, the server marks it acknowledged', async function () {
    const { hub } = current();
    await ensureSignedIn('demo-key');
    const target = pendingOf('acme-prices').find((message) => message.message === 'nightly run');
    assert.ok(target, 'the seeded "nightly run" message is pending on the server');
    const acmeBefore = pendingOf('acme-prices').length;
    const badgeBefore = totalPending('demo-key');
    await wb.waitForBadge(badgeBefore);
    await wb.expandScraper('acme-prices');
    const row = wb.messageRow('START', 'nightly run');

    await wb.openContextMenu(row);
    assert.deepEqual(await wb.contextMenuLabels(), ['Acknowledge Message', 'Open Message', 'Copy Message ID', 'Copy Link to Message']);
    await wb.screenshotOf(readmeScreenshot('context-menu.png'), [wb.sideBar.locator('.composite.title'), wb.rows.last(), wb.contextMenu]);
    const acksBefore = hub.requests.filter((request) => request.path === '/ackMessage').length;
    await wb.chooseContextMenuItem('Acknowledge Message');

    await row.waitFor({ state: 'detached' });
    await wb.scraperRowWithCount('acme-prices', acmeBefore - 1).waitFor({ state: 'visible' });
    await wb.waitForBadge(badgeBefore - 1);
    await waitUntil(`the server to mark ${target.id} acknowledged`, () => target.acknowledgedAt !== undefined);
    await wb.expectNotification('Acknowledged 1 message.');
    const acks = hub.requests.filter((request) => request.path === '/ackMessage').slice(acksBefore);
    assert.deepEqual(
      acks.map((request) => request.body),
      [{ messageId: target.id }],
      'exactly that message was acknowledged',
    );
    await eventually(
      '"Recently acknowledged" to follow the scrapers',
      () => wb.topLevelRowLabels(),
      (labels) => labels.at(-1) === 'Recently acknowledged, 1 message',
    );
    await wb.messageRow('KILL_REQUEST', 'stop: site maintenance').waitFor({ state: 'visible' });
  });

  it('5. multi-select two messages with Ctrl+click and acknowledge both in one action', async function () {
    const { hub } = current();
    await ensureSignedIn('demo-key');
    const targets = pendingOf('news-crawler');
    assert.equal(targets.length, 2, 'news-crawler has its two seeded pending messages');
    const badgeBefore = totalPending('demo-key');
    await wb.waitForBadge(badgeBefore);
    await wb.expandScraper('news-crawler');
    const first = wb.messageRow('START', 're-crawl front page');
    const second = wb.messageRow('START'); // the one without text

    await first.click(); // selects it (and opens it, as a click on a message does)
    await wb.restMouse();
    await second.click({ modifiers: ['ControlOrMeta'] });
    await wb.restMouse();
    await waitUntil('both messages to be selected', async () => (await wb.isSelected(first)) && (await wb.isSelected(second)));

    const acksBefore = hub.requests.filter((request) => request.path === '/ackMessage').length;
    await wb.openContextMenu(second);
    await wb.chooseContextMenuItem('Acknowledge Message');

    await first.waitFor({ state: 'detached' });
    await second.waitFor({ state: 'detached' });
    await wb.scraperRowWithCount('news-crawler', 0).waitFor({ state: 'visible' });
    await wb.waitForBadge(badgeBefore - 2);
    await waitUntil('the server to mark both acknowledged', () => targets.every((message) => message.acknowledgedAt !== undefined));
    await wb.expectNotification('Acknowledged 2 messages.');
    const acked = hub.requests
      .filter((request) => request.path === '/ackMessage')
      .slice(acksBefore)
      .map((request) => (request.body as { messageId: string }).messageId)
      .sort();
    assert.deepEqual(acked, targets.map((message) => message.id).sort(), 'one request per selected message, nothing else');
  });

  it('6. send from the palette: scraper, KILL_REQUEST, text, expiry, confirmation; the new message is revealed and selected; the server has it', async function () {
    const { hub } = current();
    await ensureSignedIn('demo-key');
    const text = `e2e: stop the crawl ${Date.now()}`;
    const acmeBefore = pendingOf('acme-prices').length;
    const badgeBefore = totalPending('demo-key');
    await wb.waitForBadge(badgeBefore);
    await collapseScraper('acme-prices'); // so that showing the new message has to expand it

    await wb.runCommand('ScrapeHub: Send Message…');
    await wb.waitForQuickInput(/^Send Message · 127\.0\.0\.1:\d+ \(1\/4\)$/);
    // Typed part of a name, then moved to the full one with the arrow keys: that row is sent to.
    await wb.quickInputBox.fill('acme');
    await wb.page.waitForTimeout(500);
    const target = wb.focusedQuickPickRow.and(wb.page.getByRole('option', { name: /^acme-prices$/ }));
    do {
      await wb.quickInputBox.press('ArrowDown');
      await wb.page.waitForTimeout(300);
    } while ((await target.count()) === 0);
    await wb.acceptFocusedRow(/^acme-prices$/);
    await wb.waitForQuickInput(/^Send Message to acme-prices · 127\.0\.0\.1:\d+ \(2\/4\)$/);
    await wb.focusedQuickPickRow.waitFor({ state: 'visible' });
    await wb.screenshotOf(readmeScreenshot('send-flow.png'), [wb.sideBar.locator('.composite.title'), wb.rows.last(), wb.quickInput]);
    await wb.pick('KILL', /(^|\s)KILL_REQUEST, Stop the scrape that is running/);
    await wb.waitForQuickInput(/^Send Message: KILL_REQUEST to acme-prices · 127\.0\.0\.1:\d+ \(3\/4\)$/);
    await wb.typeIntoInputBox(text);
    await wb.waitForQuickInput(/^Send Message: KILL_REQUEST to acme-prices · 127\.0\.0\.1:\d+ \(4\/4\)$/);
    await wb.pick('In 1 hour', /^In 1 hour$/);

    await wb.dialog.waitFor({ state: 'visible' });
    const question = await wb.dialog.innerText();
    assert.match(question, /Send KILL_REQUEST to "acme-prices" on 127\.0\.0\.1:\d+\?/);
    assert.ok(question.includes(`Message: "${text}"`), question);
    assert.match(question, /expires in 1 h\b/);
    const confirmedAt = Date.now();
    await wb.dialog.getByRole('button', { name: 'Send KILL_REQUEST', exact: true }).click();
    await wb.dialog.waitFor({ state: 'hidden' });

    const row = wb.messageRow('KILL_REQUEST', text);
    await row.waitFor({ state: 'visible' });
    await eventually(
      'the new message to be selected',
      () => wb.isSelected(row),
      (selected) => selected,
    );
    assert.match(await labelOf(row), /, less than a minute old, expires in (59|60) minutes$/);
    assert.equal(await wb.scraperRow('acme-prices').getAttribute('aria-expanded'), 'true', 'its scraper was expanded to show it');
    await wb.scraperRowWithCount('acme-prices', acmeBefore + 1).waitFor({ state: 'visible' });
    await wb.waitForBadge(badgeBefore + 1);
    await wb.expectNotification(/Sent KILL_REQUEST to "acme-prices" on 127\.0\.0\.1:\d+\./);

    const stored = hub.messages.filter((message) => message.message === text);
    assert.equal(stored.length, 1, 'sent exactly once');
    assert.equal(stored[0].scraperName, 'acme-prices');
    assert.equal(stored[0].messageType, 'KILL_REQUEST');
    assert.equal(stored[0].sentBy, 'ada');
    // "In 1 hour" counts from the moment of sending, i.e. after the confirmation.
    const expiresIn = Date.parse(stored[0].expiresAt ?? '') - confirmedAt;
    assert.ok(expiresIn >= 60 * 60_000 - 1_000 && expiresIn <= 61 * 60_000, `expires an hour after the confirmation (got ${expiresIn} ms)`);
  });

  it("7. sending as a user not assigned to the scraper shows the server's 403 message; Edit and Resend… reopens the form filled in", async function () {
    const { hub } = current();
    const olga = userFor('outsider-key');
    const assignments = [...olga.scraperAssignments];
    try {
      await ensureSignedIn('outsider-key');
      const text = `e2e: start as outsider ${Date.now()}`;
      await wb.runCommand('ScrapeHub: Send Message…');
      await wb.waitForQuickInput(/^Send Message · 127\.0\.0\.1:\d+ \(1\/4\)$/);
      // acme-prices is none of olga's scrapers: typed, it becomes the "Send to" row, with a
      // warning (its detail line) but still accepted.
      await wb.pick('acme-prices', /acme-prices"?, You are not assigned to this scraper; the server will probably refuse\.$/);
      await wb.waitForQuickInput(/^Send Message to acme-prices · 127\.0\.0\.1:\d+ \(2\/4\)$/);
      await wb.pick('START', /(^|\s)START, Begin a scrape/);
      await wb.waitForQuickInput(/^Send Message: START to acme-prices · 127\.0\.0\.1:\d+ \(3\/4\)$/);
      await wb.typeIntoInputBox(text);
      await wb.waitForQuickInput(/^Send Message: START to acme-prices · 127\.0\.0\.1:\d+ \(4\/4\)$/);
      await wb.pick('Never', /^Never$/);

      const failure = wb.toast('User is not assigned to this scraper');
      await failure.waitFor({ state: 'visible' });
      assert.match(
        await failure.innerText(),
        /Could not send START to "acme-prices" on 127\.0\.0\.1:\d+: User is not assigned to this scraper/,
      );
      await failure.getByRole('button', { name: 'Retry', exact: true }).waitFor({ state: 'visible' });
      const edit = failure.getByRole('button', { name: 'Edit and Resend…', exact: true });
      await edit.waitFor({ state: 'visible' });
      await wb.screenshotOf(readmeScreenshot('send-error.png'), [failure], 16);
      assert.equal(hub.messages.filter((message) => message.message === text).length, 0, 'the server stored nothing');

      // An administrator assigns olga to acme-prices; she sends again without retyping anything.
      // (Edit and Resend… after a 403 re-reads her assignments, so acme-prices is no longer warned about.)
      hub.addUser({ ...olga, scraperAssignments: [...assignments, 'acme-prices'] });
      await edit.click();
      await wb.restMouse();
      await wb.waitForQuickInput(/^Send Message · 127\.0\.0\.1:\d+ \(1\/4\)$/);
      await wb.acceptFocusedRow(/^acme-prices$/);
      await wb.waitForQuickInput(/^Send Message to acme-prices · 127\.0\.0\.1:\d+ \(2\/4\)$/);
      await wb.acceptFocusedRow(/(^|\s)START, /);
      await wb.waitForQuickInput(/^Send Message: START to acme-prices · 127\.0\.0\.1:\d+ \(3\/4\)$/);
      assert.equal(await wb.quickInputBox.inputValue(), text, 'the text is filled in');
      await wb.quickInputBox.press('Enter');
      await wb.waitForQuickInput(/^Send Message: START to acme-prices · 127\.0\.0\.1:\d+ \(4\/4\)$/);
      await wb.acceptFocusedRow(/^Never$/);

      await wb.expectNotification(/Sent START to "acme-prices" on 127\.0\.0\.1:\d+\./);
      const stored = hub.messages.filter((message) => message.message === text);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].sentBy, 'olga');
      assert.equal(stored[0].messageType, 'START');
      assert.equal(stored[0].expiresAt, undefined);
      const attempts = hub.requests.filter(
        (request) => request.path === '/sendMessage' && (request.body as { message?: string } | undefined)?.message === text,
      );
      assert.equal(attempts.length, 2, 'one refused send, one resend');
      assert.deepEqual(attempts[1].body, attempts[0].body, 'the resend carries exactly what was typed the first time');
    } finally {
      hub.addUser({ ...olga, scraperAssignments: assignments });
    }
  });

  it('8. a rejected key shows its welcome view, and its Set API Key button fixes it', async function () {
    await ensureSignedIn('demo-key');
    await setKeyFromPalette('revoked-key-123');

    const rejected = wb.welcome.filter({ hasText: 'The server rejected your API key' });
    await rejected.waitFor({ state: 'visible' });
    assert.equal(await wb.rows.count(), 0, 'no data is shown with a rejected key');
    await rejected.getByRole('button', { name: 'Set API Key', exact: true }).click();
    await wb.waitForQuickInput(new RegExp(`^API key for ${escapeRegExp(current().hub.origin)}( on the remote machine \\S+)?$`));
    assert.equal(await wb.quickInputBox.getAttribute('type'), 'password');
    await wb.typeIntoInputBox('demo-key');

    await waitForTree(expectedScraperRows('demo-key'));
    await wb.waitForBadge(totalPending('demo-key'));
    await rejected.waitFor({ state: 'hidden' });
    signedInWith = 'demo-key';
  });

  it('9. server down mid-session: the tree keeps the last data, says it is stale, and recovers by itself', async function () {
    const { hub, userSettingsFile } = current();
    await ensureSignedIn('demo-key');
    // Automatic refresh every 5 s, set as a person would in the Settings editor.
    await wb.setNumberSetting(userSettingsFile, 'scrapehub.refreshIntervalSeconds', 5);
    try {
      const rowsBefore = expectedScraperRows('demo-key');
      const badgeBefore = totalPending('demo-key');
      await waitForTree(rowsBefore);

      hub.addFault({ destroySocket: true }); // every request: the connection drops
      const stale = wb.viewMessage.filter({ hasText: /^Showing data from .+; the last refresh failed/ });
      await stale.waitFor({ state: 'visible', timeout: 45_000 });
      assert.deepEqual(await wb.scraperRowLabels(), rowsBefore, 'the last data stays on screen');
      assert.equal(await wb.badgeCount(), badgeBefore);

      // While it is down, a message arrives; then the server comes back. Nobody touches VS Code.
      hub.addMessage({ scraperName: 'weather-feed', messageType: 'START', message: 'e2e: back online' });
      hub.clearFaults();
      await waitForTree(expectedScraperRows('demo-key'), 90_000);
      await wb.viewMessage.waitFor({ state: 'hidden' });
      await wb.waitForBadge(badgeBefore + 1);
    } finally {
      hub.clearFaults();
      await wb.setNumberSetting(userSettingsFile, 'scrapehub.refreshIntervalSeconds', 30, true); // back to the default
    }
  });

  it('10. the Get Started walkthrough lists its five steps, and acknowledging a message ticks its step (only that one)', async function () {
    const { page } = current();
    await ensureSignedIn('demo-key');
    // This host turns the Welcome page off, so VS Code starts its walkthrough service only
    // when a walkthrough is opened, and a step whose context key was set before that is not
    // ticked in that window. So: a new window, the walkthrough opened first, then the action,
    // as a person following the walkthrough does.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await wb.activityBarEntry.waitFor({ state: 'visible', timeout: 120_000 });
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pick('ScrapeHub', /Get Started with ScrapeHub Messages/);
    const steps = page.locator('button.getting-started-step[data-step-id*="gettingStarted#"]');
    await eventually(
      'the five walkthrough steps',
      () => steps.locator('.step-title').allInnerTexts(),
      (titles) =>
        JSON.stringify(titles) ===
        JSON.stringify([
          'Connect to your ScrapeHub server',
          'Store your API key',
          'See the pending messages',
          'Send a message to a scraper',
          'Acknowledge a message',
        ]),
    );
    const ticked = (id: string) => steps.and(page.locator(`[data-step-id$="#${id}"]`)).getAttribute('aria-checked');
    assert.equal(await ticked('acknowledge'), 'false', 'nothing acknowledged in this window yet');

    await wb.openScrapeHubView();
    await waitForTree(expectedScraperRows('demo-key'));
    const target = userFor('demo-key')
      .scraperAssignments.flatMap(pendingOf)
      .find((message) => message.message);
    assert.ok(target, 'a pending message with text is left on the server');
    await wb.expandScraper(target.scraperName);
    await wb.openContextMenu(wb.messageRow(target.messageType, target.message));
    await wb.chooseContextMenuItem('Acknowledge Message');
    await waitUntil(`the server to mark ${target.id} acknowledged`, () => target.acknowledgedAt !== undefined);

    await eventually(
      'the acknowledge step to be ticked',
      () => ticked('acknowledge'),
      (value) => value === 'true',
    );
    assert.equal(await ticked('sendMessage'), 'false', 'no message was sent in this window: its step stays unticked');
    await wb.runCommand('View: Close All Editors');
  });

  linkAndToolScenarios(
    {
      current,
      wb: () => wb,
      ensureSignedIn,
      pendingOf,
      scrapersOf: (apiKey) => [...userFor(apiKey).scraperAssignments].sort((a, b) => a.localeCompare(b)),
      readmeScreenshot,
    },
    11,
  );
});
