/**
 * Scenarios of "control from anywhere": a copied link opened in the browser, a /send link
 * opened with Developer: Open URL, and the send tool called as a chat agent calls it (by
 * the driver extension, driver/), answered in VS Code's own confirmation dialog. They run
 * in the workflow suite's session (workflow.e2e.ts registers them), on its workbench.
 */
import * as assert from 'node:assert/strict';
import type { StoredMessage } from '../server/scrapeHubServer';
import { eventually } from './eventually';
import type { E2eSession } from './session';
import { escapeRegExp, type Workbench } from './workbench';

export interface ScenarioContext {
  current(): E2eSession;
  wb(): Workbench;
  ensureSignedIn(apiKey: string): Promise<void>;
  pendingOf(scraperName: string): StoredMessage[];
  scrapersOf(apiKey: string): string[];
  readmeScreenshot(name: string): string;
}

const ACTING = ['/sendMessage', '/ackMessage'];
const SEND_TOOL_COMMAND = "E2E Driver: Ask ScrapeHub's send tool";

/** The scenarios' titles, numbered after the workflow's own. */
const TITLES = [
  'Copy Link to Message, then the link opened in another tab of the browser: the view selects that message again; nothing is sent or acknowledged',
  'a /send link pasted into Developer: Open URL opens Send Message filled in; Escape sends nothing',
  "the send tool, called as a chat agent calls it: VS Code's confirmation names server, scraper, type and text; confirmed, one START goes out and shows in the tree",
  "the send tool's confirmation cancelled: nothing goes out",
];

export function linkAndToolScenarios(ctx: ScenarioContext, firstNumber: number): void {
  const actingSince = (index: number) =>
    ctx
      .current()
      .hub.requests.slice(index)
      .filter((request) => ACTING.includes(request.path));

  async function selectedIs(wb: Workbench, selected: ReturnType<Workbench['messageRow']>, other: ReturnType<Workbench['messageRow']>) {
    await eventually(
      'the one message to be selected',
      async () => [await wb.isSelected(selected), await wb.isSelected(other)],
      ([yes, no]) => yes && !no,
    );
  }

  it(`${firstNumber}. ${TITLES[0]}`, async function () {
    const { hub, page, hostName } = ctx.current();
    // On the desktop the link stays vscode://…, which only the operating system can open.
    if (hostName !== 'code-server') this.skip();
    const wb = ctx.wb();
    await ctx.ensureSignedIn('demo-key');
    const withText = ctx
      .scrapersOf('demo-key')
      .flatMap((name) => ctx.pendingOf(name))
      .filter((message) => message.message)
      // The seeded ones first: they read better in the README's screenshot than earlier scenarios' texts.
      .sort((a, b) => Number(a.message?.startsWith('e2e:')) - Number(b.message?.startsWith('e2e:')));
    assert.ok(withText.length >= 2, 'two pending messages with text are on the server');
    const [target, other] = withText;
    await wb.expandScraper(target.scraperName);
    await wb.expandScraper(other.scraperName);
    const targetRow = wb.messageRow(target.messageType, target.message);
    const otherRow = wb.messageRow(other.messageType, other.message);

    const workbenchOrigin = new URL(page.url()).origin;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workbenchOrigin });
    await wb.openContextMenu(targetRow);
    await wb.chooseContextMenuItem('Copy Link to Message');
    await page.locator('.part.statusbar').getByText(`Copied a link to message ${target.id}`).waitFor({ state: 'visible' });
    const link = await eventually(
      'a link on the clipboard',
      () => page.evaluate(() => navigator.clipboard.readText()),
      (text) => text.startsWith('http'),
    );
    // code-server's form of it: the workbench's /callback, which hands the link to the tab that asked for it.
    const url = new URL(link);
    assert.equal(url.origin, workbenchOrigin, link);
    assert.match(url.pathname, /\/callback$/, link);
    assert.equal(url.searchParams.get('vscode-authority'), 'scrapehub.scrapehub-messages', link);
    assert.equal(url.searchParams.get('vscode-path'), '/open', link);
    await otherRow.click();
    await wb.restMouse();
    await selectedIs(wb, otherRow, targetRow);
    const requestsBefore = hub.requests.length;
    const tab = await page.context().newPage();
    try {
      await tab.goto(link, { waitUntil: 'load' });
      await selectedIs(wb, targetRow, otherRow);
    } finally {
      await tab.close();
    }
    await page.bringToFront();
    assert.ok(
      hub.requests.slice(requestsBefore).some((request) => request.path === '/getMessages'),
      'the link read fresh data before selecting',
    );
    assert.deepEqual(actingSince(requestsBefore), [], 'the link sent and acknowledged nothing');
    await wb.screenshotOf(ctx.readmeScreenshot('link-opened.png'), [wb.sideBar.locator('.composite.title'), wb.rows.last()]);
  });

  it(`${firstNumber + 1}. ${TITLES[1]}`, async function () {
    const { hub } = ctx.current();
    const wb = ctx.wb();
    await ctx.ensureSignedIn('demo-key');
    const text = `e2e: from a link ${Date.now()}`;
    const link = `vscode://scrapehub.scrapehub-messages/send?server=${hub.baseUrl}&scraper=weather-feed&type=START&message=${encodeURIComponent(text)}`;
    const requestsBefore = hub.requests.length;
    await wb.runCommand('Developer: Open URL');
    await wb.quickInputBox.waitFor({ state: 'visible' });
    await wb.typeIntoInputBox(link);
    // VS Code's own question for a URI that did not come from the operating system.
    await wb.dialog.filter({ hasText: "Allow 'ScrapeHub Messages' extension to open this URI?" }).waitFor({ state: 'visible' });
    await wb.dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await wb.dialog.waitFor({ state: 'hidden' });
    // At its first unanswered step, the expiry (never in a link); one step back is the text the link gave.
    await wb.waitForQuickInput(/^Send Message from a Link: START to weather-feed · 127\.0\.0\.1:\d+ \(4\/4\)$/);
    await wb.quickInput.getByRole('button', { name: 'Back' }).click();
    await wb.waitForQuickInput(/^Send Message from a Link: START to weather-feed · 127\.0\.0\.1:\d+ \(3\/4\)$/);
    assert.equal(await wb.quickInputBox.inputValue(), text, 'the text is filled in');
    await wb.quickInputBox.press('Escape');
    await wb.quickInput.waitFor({ state: 'hidden' });
    assert.deepEqual(actingSince(requestsBefore), [], 'the link sent nothing');
    assert.equal(hub.messages.filter((message) => message.message === text).length, 0);
  });

  async function askSendTool(wb: Workbench, input: object): Promise<string> {
    await wb.runCommand(SEND_TOOL_COMMAND);
    await wb.waitForQuickInput(/^E2E Driver: input for scrapehub_sendMessage/);
    await wb.typeIntoInputBox(JSON.stringify(input));
    await wb.dialog.waitFor({ state: 'visible' });
    return wb.dialog.innerText();
  }

  it(`${firstNumber + 2}. ${TITLES[2]}`, async function () {
    const { hub } = ctx.current();
    const wb = ctx.wb();
    await ctx.ensureSignedIn('demo-key');
    // Fresh for each session's server (it is not the README's screenshot's business to show a timestamp).
    const text = 'collect the weekend forecast';
    const sendsBefore = hub.requests.filter((request) => request.path === '/sendMessage').length;
    const shown = await askSendTool(wb, { scraperName: 'weather-feed', messageType: 'START', message: text });
    assert.match(shown, /Send START to "weather-feed" on 127\.0\.0\.1:\d+\?/);
    assert.ok(shown.includes(`Server: 127.0.0.1:${new URL(hub.baseUrl).port} (${hub.baseUrl})`), shown);
    assert.match(shown, /Scraper: weather-feed/);
    assert.match(shown, /Type: START/);
    assert.ok(shown.includes(`Text: ${text}`), shown);
    await wb.screenshotOf(ctx.readmeScreenshot('tool-confirmation.png'), [wb.dialog], 8);
    await wb.dialog.getByRole('button', { name: 'Yes', exact: true }).click();
    await wb.dialog.waitFor({ state: 'hidden' });

    await wb.expectNotification(
      new RegExp(`^E2E Driver: the tool answered: Sent: START to scraper "weather-feed", text "${escapeRegExp(text)}"`),
    );
    const sends = hub.requests.filter((request) => request.path === '/sendMessage').slice(sendsBefore);
    assert.equal(sends.length, 1, 'exactly one send');
    const stored = hub.messages.filter((message) => message.message === text);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].scraperName, 'weather-feed');
    assert.equal(stored[0].messageType, 'START');
    assert.equal(stored[0].sentBy, 'ada');
    await wb.expandScraper('weather-feed');
    await wb.messageRow('START', text).waitFor({ state: 'visible' });
  });

  it(`${firstNumber + 3}. ${TITLES[3]}`, async function () {
    const { hub } = ctx.current();
    const wb = ctx.wb();
    await ctx.ensureSignedIn('demo-key');
    const text = `e2e: declined tool start ${Date.now()}`;
    const requestsBefore = hub.requests.length;
    await askSendTool(wb, { scraperName: 'weather-feed', messageType: 'START', message: text });
    await wb.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await wb.dialog.waitFor({ state: 'hidden' });
    await wb.expectNotification(/^E2E Driver: the tool call failed: Canceled/);
    assert.deepEqual(actingSince(requestsBefore), [], 'nothing was sent');
    assert.equal(hub.messages.filter((message) => message.message === text).length, 0);
  });
}
