/**
 * Measures how many `getMessages` requests several VS Code windows on the same ScrapeHub
 * server make per refresh interval, with real focus: one window focused at a time.
 *
 *   npx tsc -p tsconfig.test.json && node out/test/host/measureWindows.js
 *
 * Starts the local ScrapeHub server (demo seed), packages the extension (vsce, production
 * build) and installs the VSIX into code-server (without the smoke-test driver), with
 * `scrapehub.refreshIntervalSeconds` = 5. Opens MEASURE_WINDOWS workbench pages (one page =
 * one VS Code window = one extension host) in one browser context, enters the API key
 * where needed and opens the ScrapeHub view. Playwright's CDP focus emulation (under which
 * every page reports focus) is switched off, and the pages are brought to the front in
 * turn, each for an equal share of MEASURE_SECONDS (default 60), so at any moment one
 * window has focus, as on a desktop. The server's getMessages requests are
 * counted and printed per window and per interval.
 *
 * The extension reaches the server through a byte-for-byte TCP relay in this script, only
 * to attribute each request to the extension-host process (hence window) that sent it.
 *
 * Environment: MEASURE_SECONDS (default 60), MEASURE_WINDOWS (default 3), MEASURE_VSIX (an
 * already packaged .vsix to install instead of packaging the working tree).
 * A measurement script, not a test: it asserts nothing about the rate. Exit code 1 only
 * if the set-up failed.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startScrapeHubServer, type RecordedRequest, type RunningScrapeHubServer } from '../server/scrapeHubServer';
import { launchChromium } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { testResultsDir } from './hostPaths';
import { packageExtensionVsix } from './packageExtension';
import { handleShutdownSignals, registerCleanup, shutDownAndExit } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import { delay, withTimeout } from './timeouts';

const INTERVAL_SECONDS = 5;
const API_KEY = 'demo-key';
const WINDOWS = positiveIntFromEnv('MEASURE_WINDOWS', 3);
const MEASURE_SECONDS = positiveIntFromEnv('MEASURE_SECONDS', 60);
/** Typical run: 3.5–4 min (window start-up is CPU-bound). A hard stop, with clean-up, in case something hangs. */
const SCRIPT_DEADLINE_MS = 5.5 * 60_000 + 2 * (MEASURE_SECONDS - 60) * 1000 + (WINDOWS - 3) * 40_000;
const WINDOW_SETUP_TIMEOUT_MS = 45_000;

const startedAt = Date.now();

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function log(message: string): void {
  console.log(`[measure ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

// ---------------------------------------------------------------------------------------
// Processes: which extension hosts does code-server run? (read-only look at /proc)

interface ProcessInfo {
  pid: number;
  pgrp: number;
  state: string;
  cmdline: string;
}

function processTable(): ProcessInfo[] {
  const table: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      table.push({ pid: Number(entry), pgrp: Number(pgrp), state, cmdline });
    } catch {
      // exited while we were looking
    }
  }
  return table;
}

/** code-server's process group: the group of the process started with our user-data dir. */
function codeServerProcessGroup(codeServer: RunningCodeServer): number | undefined {
  return processTable().find((p) => p.cmdline.includes(codeServer.userDataDir) && p.cmdline.includes('entry.js'))?.pgrp;
}

/** Living extension-host processes of code-server (`bootstrap-fork --type=extensionHost`). */
function extensionHostPids(pgrp: number | undefined): number[] {
  if (pgrp === undefined) return [];
  return processTable()
    .filter((p) => p.pgrp === pgrp && p.state !== 'Z' && p.cmdline.includes('--type=extensionHost'))
    .map((p) => p.pid)
    .sort((a, b) => a - b);
}

async function waitForNoExtensionHosts(pgrp: number | undefined, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let pids = extensionHostPids(pgrp);
  while (pids.length > 0 && Date.now() < deadline) {
    await delay(250);
    pids = extensionHostPids(pgrp);
  }
  return pids;
}

/** Socket inode of the TCP connection from local port `clientPort` to `serverPort` (as seen by the client). */
function clientSocketInode(clientPort: number, serverPort: number): string | undefined {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = fs.readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1].split(':')[1], 16);
      const remotePort = parseInt(fields[2].split(':')[1], 16);
      if (localPort === clientPort && remotePort === serverPort) return fields[9];
    }
  }
  return undefined;
}

/** Which of `candidates` holds the socket with that inode. */
function pidHoldingSocket(inode: string, candidates: readonly number[]): number | undefined {
  const target = `socket:[${inode}]`;
  for (const pid of candidates) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// A TCP relay in front of the ScrapeHub server that notes which process sent each getMessages

interface AttributedRequest {
  at: number;
  pid: number | undefined;
}

interface AttributingRelay {
  port: number;
  getMessages: AttributedRequest[];
  close(): Promise<void>;
}

async function startAttributingRelay(targetPort: number, candidatePids: () => number[]): Promise<AttributingRelay> {
  const getMessages: AttributedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let relayPort = 0;
  const relay = net.createServer((client) => {
    const inode = client.remotePort === undefined ? undefined : clientSocketInode(client.remotePort, relayPort);
    const pid = inode === undefined ? undefined : pidHoldingSocket(inode, candidatePids());
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      const requestLines = chunk.toString('latin1').match(/^[A-Z]+ \/[^ ]*\/getMessages[ ?][^\r\n]*/gm) ?? [];
      for (let i = 0; i < requestLines.length; i++) getMessages.push({ at: Date.now(), pid });
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve());
  });
  relayPort = (relay.address() as net.AddressInfo).port;
  return {
    port: relayPort,
    getMessages,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        relay.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------
// Browser side

interface FocusState {
  hasFocus: boolean;
  visibility: string;
}

function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => ({ hasFocus: document.hasFocus(), visibility: document.visibilityState }));
}

function scraperRows(page: Page) {
  return page.locator('[role=treeitem][aria-label^="Scraper "]');
}

async function screenshotOnFailure(page: Page, label: string): Promise<string | undefined> {
  fs.mkdirSync(testResultsDir, { recursive: true });
  const file = path.join(testResultsDir, `measureWindows-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  return page.screenshot({ path: file, timeout: 10_000 }).then(
    () => file,
    () => undefined,
  );
}

/** The ScrapeHub activity-bar item; opened (not toggled closed) if its view is not showing. */
async function openScrapeHubView(page: Page): Promise<void> {
  // <li role=tab aria-selected> holding <a class=action-label aria-label="ScrapeHub">.
  const item = page
    .locator('.part.activitybar li.action-item[role=tab]', { has: page.locator('a.action-label[aria-label^="ScrapeHub"]') })
    .first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const selected = (await item.getAttribute('aria-selected')) === 'true';
  if (!selected) await item.click();
}

type ViewShows = 'rows' | 'noKey';

async function waitForRowsOrNoKey(page: Page, timeoutMs: number): Promise<ViewShows> {
  const noKey = page.getByText('No API key is stored for this server yet');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await scraperRows(page).count()) > 0) return 'rows';
    if (await noKey.isVisible().catch(() => false)) return 'noKey';
    await delay(200);
  }
  throw new Error('the ScrapeHub view showed neither scraper rows nor the "no API key" welcome');
}

async function setApiKey(page: Page, key: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type('ScrapeHub: Set API Key');
  await page.locator('.quick-input-widget [role=option]', { hasText: 'Set API Key' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const password = page.locator('.quick-input-widget input[type=password]');
  await password.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await password.waitFor({ state: 'hidden', timeout: 10_000 });
}

interface OpenedWindow {
  page: Page;
  label: string;
  /** Extension-host processes that appeared while this window loaded. */
  hostPids: number[];
}

/** Runs one set-up step of a window with a time limit; a failure comes with a screenshot. */
async function step<T>(page: Page, label: string, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(work(), WINDOW_SETUP_TIMEOUT_MS, `${label}: ${what}`);
  } catch (error) {
    const shot = await screenshotOnFailure(page, label);
    throw new Error(`${(error as Error).message}${shot ? ` (screenshot: ${shot})` : ''}`, { cause: error });
  }
}

interface LoadedWindow {
  page: Page;
  label: string;
  shows: ViewShows;
  hostPids: number[];
}

/** Opens the workbench in a new page of `context`, shows the ScrapeHub view, notes the new extension host. */
async function loadWindow(context: BrowserContext, lab: Lab, label: string): Promise<LoadedWindow> {
  const hostsBefore = new Set(extensionHostPids(lab.pgrp));
  const page = await context.newPage();
  const began = Date.now();
  const shows = await step(page, label, 'loading the workbench and the ScrapeHub view', async () => {
    await page.goto(lab.codeServer.url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await openScrapeHubView(page);
    return waitForRowsOrNoKey(page, 25_000);
  });
  const hostPids = extensionHostPids(lab.pgrp).filter((pid) => !hostsBefore.has(pid));
  log(
    `  ${label}: loaded in ${((Date.now() - began) / 1000).toFixed(1)} s, view shows ${shows === 'rows' ? 'the scraper rows' : '"no API key"'}; ` +
      `new extension host(s): ${hostPids.join(', ') || 'none'}`,
  );
  return { page, label, shows, hostPids };
}

/** A window: load, enter the key if it has none, switch focus emulation off. */
async function openWindow(context: BrowserContext, lab: Lab, label: string): Promise<OpenedWindow> {
  const window = await loadWindow(context, lab, label);
  if (window.shows === 'noKey') {
    await step(window.page, label, 'entering the API key', async () => {
      await setApiKey(window.page, API_KEY);
      await scraperRows(window.page).first().waitFor({ timeout: 15_000 });
    });
    log(`  ${label}: API key entered, scraper rows shown`);
  }
  const session = await context.newCDPSession(window.page);
  await session.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  return { page: window.page, label, hostPids: window.hostPids };
}

// ---------------------------------------------------------------------------------------
// One run: open the windows, measure, close them

interface Lab {
  server: RunningScrapeHubServer;
  relay: AttributingRelay;
  codeServer: RunningCodeServer;
  pgrp: number | undefined;
  browser: Browser;
}

function getMessagesBetween(requests: readonly RecordedRequest[], from: number, to: number): RecordedRequest[] {
  return requests.filter((r) => r.path === '/getMessages' && r.at >= from && r.at < to);
}

interface FocusTurn {
  label: string;
  from: number;
  to: number;
  /** document.hasFocus() in every window during the turn. */
  hasFocus: boolean[];
}

/** Gives each window the focus in turn for an equal share of the measurement. */
async function rotateFocus(windows: readonly OpenedWindow[], from: number): Promise<FocusTurn[]> {
  const turnMs = (MEASURE_SECONDS * 1000) / windows.length;
  const turns: FocusTurn[] = [];
  for (const [i, window] of windows.entries()) {
    await window.page.bringToFront();
    await delay(300);
    const hasFocus = await Promise.all(windows.map((w) => focusState(w.page).then((f) => f.hasFocus)));
    const to = from + (i + 1) * turnMs;
    turns.push({ label: window.label, from: Math.max(from, Date.now() - 300), to, hasFocus });
    await delay(Math.max(0, to - Date.now()));
  }
  return turns;
}

async function measure(lab: Lab): Promise<void> {
  const contexts: BrowserContext[] = [];
  try {
    // One context: its pages are tabs of one browser window, of which only the front one has
    // focus once emulation is off (separate contexts would each keep a focused page).
    const context = await lab.browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    const windows: OpenedWindow[] = [];
    for (let i = 0; i < WINDOWS; i++) {
      windows.push(await openWindow(context, lab, `window-${i + 1}`));
    }
    log(`  all ${WINDOWS} windows show the scraper rows; measuring ${MEASURE_SECONDS} s, one focused at a time…`);
    const from = Date.now();
    const turns = await rotateFocus(windows, from);
    const to = from + MEASURE_SECONDS * 1000;
    const measured = getMessagesBetween(lab.server.requests, from, to);
    const windowOf = (pid: number | undefined) => windows.find((w) => pid !== undefined && w.hostPids.includes(pid))?.label ?? '?';
    const attributed = lab.relay.getMessages.filter((r) => r.at >= from && r.at < to);
    console.log('');
    console.log(
      `=== ScrapeHub: getMessages with ${WINDOWS} VS Code windows on one server, interval ${INTERVAL_SECONDS} s, one focused at a time ===`,
    );
    for (const turn of turns) {
      const own = attributed.filter((r) => r.at >= turn.from && r.at < turn.to);
      const byWindow = windows.map((w) => `${w.label} ${own.filter((r) => windowOf(r.pid) === w.label).length}`).join(', ');
      console.log(
        `${turn.label} focused (hasFocus: ${turn.hasFocus.join('/')}), ${((turn.to - turn.from) / 1000).toFixed(1)} s: ${own.length} requests (${byWindow})`,
      );
    }
    console.log(`getMessages at (s after start): ${measured.map((r) => ((r.at - from) / 1000).toFixed(2)).join(' ')}`);
    const other = lab.server.requests.filter((r) => r.path !== '/getMessages' && r.at >= from && r.at < to).length;
    const perInterval = measured.length / (MEASURE_SECONDS / INTERVAL_SECONDS);
    console.log('');
    console.log(
      `${WINDOWS} windows, interval ${INTERVAL_SECONDS} s, ${MEASURE_SECONDS} s measured: ${measured.length} getMessages, ${perInterval.toFixed(2)} requests/interval (other requests: ${other})`,
    );
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    const left = await waitForNoExtensionHosts(lab.pgrp, 15_000);
    log(`  browser contexts closed; extension hosts still alive: ${left.length}`);
  }
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  handleShutdownSignals();
  const deadline = setTimeout(() => {
    console.error(`[measure] still running after ${SCRIPT_DEADLINE_MS / 1000} s; stopping`);
    void shutDownAndExit(1);
  }, SCRIPT_DEADLINE_MS);

  const server = await startScrapeHubServer({ seed: 'demo' });
  registerCleanup(() => server.close());
  // Known once code-server runs; until then the relay attributes nothing (no extension host yet).
  const codeServerGroup: { pgrp?: number } = {};
  const relay = await startAttributingRelay(server.port, () => extensionHostPids(codeServerGroup.pgrp));
  registerCleanup(() => relay.close());
  const serverUrl = `http://127.0.0.1:${relay.port}/scrapehub/api`;
  log(`ScrapeHub server at ${server.baseUrl}; the extension uses ${serverUrl} (counting relay)`);

  const root = await makeTempDir('scrapehub-measure-');
  registerCleanup(() => removeDirs([root]));
  const vsix = process.env.MEASURE_VSIX ? path.resolve(process.env.MEASURE_VSIX) : undefined;
  log(vsix ? `installing ${vsix}` : 'packaging the extension (vsce package)…');
  const installVsix = vsix ?? (await packageExtensionVsix(root));
  const workspaceDir = path.join(root, 'workspace');
  fs.mkdirSync(workspaceDir, { recursive: true });

  const codeServer = await startCodeServer({
    smokeTestDriver: false,
    installVsix,
    workspaceDir,
    settings: { 'scrapehub.serverUrl': serverUrl, 'scrapehub.refreshIntervalSeconds': INTERVAL_SECONDS },
  });
  registerCleanup(() => codeServer.stop());
  const pgrp = codeServerProcessGroup(codeServer);
  codeServerGroup.pgrp = pgrp;
  log(
    `code-server at ${codeServer.url} (process group ${pgrp ?? 'not found'}; extension hosts before any window: ${extensionHostPids(pgrp).length})`,
  );

  const { browser, page: firstPage } = await launchChromium();
  await firstPage.context().close();
  await measure({ server, relay, codeServer, pgrp, browser });
  log('done; cleaning up');
  clearTimeout(deadline);
}

main().then(
  () => shutDownAndExit(0),
  async (error: Error) => {
    console.error(`[measure] ${error.stack ?? error.message}`);
    await shutDownAndExit(1);
  },
);
