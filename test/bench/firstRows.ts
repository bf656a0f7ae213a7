/**
 * `npm run bench:first-rows`: how long a click on the ScrapeHub activity-bar entry takes
 * until the scraper rows are drawn, in the real browser workbench (code-server + headless
 * Chromium), with a fresh extension host each time (the window is reloaded before every
 * click) and the key already stored; against a trivial tree extension measured the same
 * way in the same window, as the yardstick.
 *
 * The clock runs in the page: from the click's pointerdown to the first animation frame
 * after the rows are in the DOM. Before each click the script waits until the new
 * extension host has finished starting (a probe extension shows a status bar item on
 * onStartupFinished), as a person who reloads and then reaches for the view would.
 * Not a test: it prints medians and spreads and exits 0 whenever it could measure.
 *
 * FIRST_ROWS_RUNS=<n> sets the clicks per extension (default 7, after one warm-up each).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../host/browser';
import { startCodeServer } from '../host/codeServer';
import { repoRoot } from '../host/hostPaths';
import { packageExtensionVsix } from '../host/packageExtension';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from '../host/processGroup';
import { handleShutdownSignals, shutDownAndExit } from '../host/shutdown';
import { makeTempDir, removeDirs } from '../host/tempDirs';
import { DEMO_USERS, startScrapeHubServer } from '../server/scrapeHubServer';
import { Workbench, escapeRegExp } from '../e2e/workbench';

const RUNS = Number(process.env.FIRST_ROWS_RUNS ?? 7);
const fixtures = path.join(repoRoot, 'test', 'bench', 'fixtures');

interface Target {
  name: string;
  /** The view container's id, as in `workbench.view.extension.<id>`. */
  container: string;
  /** A row that counts as "the rows are drawn". */
  rowSelector: string;
}

const TARGETS: Target[] = [
  { name: 'trivial tree', container: 'benchTrivial', rowSelector: '[role="treeitem"]' },
  { name: 'ScrapeHub', container: 'scrapehub', rowSelector: '[role="treeitem"][aria-label^="Scraper "]' },
];

async function packageFixture(name: string, outDir: string): Promise<string> {
  const vsix = path.join(outDir, `${name}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const child = spawnInOwnProcessGroup(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: path.join(fixtures, name),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await waitForExitOrStopGroup(child, 120_000, `vsce package (${name})`);
  if (code !== 0) throw new Error(`packaging the ${name} fixture failed with exit code ${code}`);
  return vsix;
}

/** Waits for the ready probe's status bar item of an extension host other than `previous`; returns its text (naming the host's pid). */
async function extensionHostStarted(page: Page, previous?: string): Promise<string> {
  const other = previous === undefined ? '' : `(?!${previous.split(' ')[1]}$)`;
  const probe = page.locator('.part.statusbar').getByText(new RegExp(`^bench-ready ${other}\\d+$`));
  await probe.waitFor({ state: 'visible', timeout: 90_000 });
  return probe.innerText();
}

/**
 * Reloads the window (Developer: Reload Window, which saves the window's state first) with
 * the Explorer in the side bar, so neither measured container opens, nor activates its
 * extension, by itself; waits for the new extension host.
 */
async function reloadWithFreshHost(page: Page, wb: Workbench, previousHost: string | undefined): Promise<string> {
  await page.keyboard.press('Control+Shift+E');
  await page.locator('[id="workbench.view.explorer"]').waitFor({ state: 'visible' });
  await wb.runCommand('Developer: Reload Window');
  const host = await extensionHostStarted(page, previousHost);
  await page.locator('[id="workbench.view.explorer"]').waitFor({ state: 'visible' });
  await wb.restMouse();
  return host;
}

async function clickEntry(page: Page, target: Target): Promise<void> {
  const entry = page.locator(`.part.activitybar a.action-label[class*="activity-workbench-view-extension-${target.container}-" i]`);
  await entry.click({ force: true }); // the badge, when shown, covers part of the entry
}

/** Milliseconds from the pointerdown on the container's activity-bar entry to the frame after its first row appeared. */
async function clickAndTime(page: Page, target: Target): Promise<number> {
  await page.evaluate(({ container, rowSelector }) => {
    const state = window as unknown as { benchStart?: number; benchEnd?: number };
    state.benchStart = undefined;
    state.benchEnd = undefined;
    window.addEventListener('pointerdown', (event) => (state.benchStart = event.timeStamp), { capture: true, once: true });
    const selector = `[id="workbench.view.extension.${container}"] ${rowSelector}`;
    const observer = new MutationObserver(() => {
      if (state.benchStart === undefined) return; // only rows drawn after the click count
      const row = document.querySelector<HTMLElement>(selector);
      if (row && row.offsetParent !== null) {
        observer.disconnect();
        requestAnimationFrame(() => (state.benchEnd = performance.now()));
      }
    });
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-label', 'style', 'class'],
    });
  }, target);
  await clickEntry(page, target);
  await page.waitForFunction(() => (window as unknown as { benchEnd?: number }).benchEnd !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const state = window as unknown as { benchStart: number; benchEnd: number };
    return state.benchEnd - state.benchStart;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${median(values).toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)} (${values.map((v) => v.toFixed(0)).join(', ')})`;
}

async function storeKey(wb: Workbench, origin: string, key: string): Promise<void> {
  await wb.runCommand('ScrapeHub: Set API Key…');
  await wb.waitForQuickInput(new RegExp(`^API key for ${escapeRegExp(origin)}( on the remote machine \\S+)?$`));
  await wb.typeIntoInputBox(key);
  await wb.quickInput.waitFor({ state: 'hidden' });
  await clickEntry(wb.page, TARGETS[1]);
  await wb.view.locator(TARGETS[1].rowSelector).first().waitFor({ state: 'visible' });
}

async function main(): Promise<void> {
  handleShutdownSignals();
  const root = await makeTempDir('scrapehub-first-rows-');
  const stops: Array<() => Promise<void>> = [() => removeDirs([root])];
  try {
    console.log('[first-rows] packaging the extension and the fixtures…');
    const vsixes = [
      await packageExtensionVsix(root),
      await packageFixture('trivial-tree', root),
      await packageFixture('ready-probe', root),
    ];
    const hub = await startScrapeHubServer({ seed: 'demo' });
    stops.push(() => hub.close());
    const user = DEMO_USERS.find((candidate) => candidate.username === 'ada');
    if (!user) throw new Error('the test server has no demo user "ada"');
    const workspaceDir = path.join(root, 'workspace');
    await fs.mkdir(workspaceDir, { recursive: true });
    const codeServer = await startCodeServer({
      smokeTestDriver: false,
      installVsix: vsixes,
      workspaceDir,
      settings: { 'workbench.reduceMotion': 'on', 'scrapehub.serverUrl': hub.baseUrl },
    });
    stops.push(() => codeServer.stop());
    const { browser, page } = await launchChromium();
    stops.push(() => browser.close());
    page.setDefaultTimeout(30_000);
    await page.goto(codeServer.url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 90_000 });
    const wb = new Workbench(page);
    await extensionHostStarted(page);
    await storeKey(wb, hub.origin, user.apiKey);
    console.log(`[first-rows] key stored for ${hub.origin}; ${RUNS} clicks per extension after one warm-up each, alternating`);

    const times = new Map<string, number[]>(TARGETS.map((target) => [target.name, []]));
    let host: string | undefined;
    for (let run = 0; run <= RUNS; run++) {
      // Alternate which goes first, so neither always meets a host that just finished starting.
      for (const target of run % 2 ? [...TARGETS].reverse() : TARGETS) {
        host = await reloadWithFreshHost(page, wb, host);
        const ms = await clickAndTime(page, target);
        console.log(`[first-rows] ${run === 0 ? 'warm-up' : `run ${run}`}: ${target.name} ${ms.toFixed(0)} ms (${host})`);
        if (run > 0) times.get(target.name)!.push(ms);
      }
    }
    const [trivial, ours] = TARGETS.map((target) => times.get(target.name)!);
    console.log('');
    console.log(`time to first rows, trivial tree: ${summary(trivial)}`);
    console.log(`time to first rows, ScrapeHub:    ${summary(ours)}`);
    console.log(`difference of medians: ${(median(ours) - median(trivial)).toFixed(0)} ms (target ≤ 100 ms)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => console.error(`[first-rows] cleanup: ${error.message}`));
  }
}

main().then(
  () => void shutDownAndExit(0),
  (error: Error) => {
    console.error(`[first-rows] ${error.stack ?? error.message}`);
    void shutDownAndExit(1);
  },
);
