/**
 * Measures how many `getMessages` requests several VS Code windows on the same ScrapeHub
 * server make per refresh interval (issue 4: "one refresh per interval across windows").
 *
 *   npx tsc -p tsconfig.test.json && node out/test/host/measureWindows.js
 *
 * Starts the local ScrapeHub server (demo seed), packages the extension (vsce, production
 * build) and installs the VSIX into code-server (without the smoke-test driver), with
 * `scrapehub.refreshIntervalSeconds` = 5. Then two runs, each with 3 workbench pages, one
 * page = one VS Code window = one extension host:
 *   - shared:  the pages share ONE browser context, hence the browser storage (IndexedDB)
 *              where the web workbench keeps extensions' globalState: the windows can
 *              coordinate through PollCoordinator.
 *   - control: one browser context per page (separate storage): no coordination possible.
 * In each window the API key is entered if the window has none and the ScrapeHub view is
 * opened; once all show the scraper rows, the server's getMessages requests are counted for
 * MEASURE_SECONDS (default 60) and printed as a table plus a summary line.
 *
 * The extension reaches the server through a byte-for-byte TCP relay in this script, only
 * to attribute each request to the extension-host process (hence window) that sent it.
 * Pages get Playwright's default CDP focus emulation, under which every page reports
 * focus; a probe at the start shows what headless Chromium does without it.
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
import { repoRoot, testResultsDir } from './hostPaths';
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
/** How long a window that was already open may take to notice a key stored in another window. */
const KEY_PROPAGATION_WAIT_MS = 3_000;
const EXTENSION_ID = readExtensionId();

const startedAt = Date.now();

function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function readExtensionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
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
    close: () => new Promise<void>((resolve) => {
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

/**
 * What headless Chromium itself does with focus when several pages are open: Playwright
 * turns on CDP focus emulation for every page it creates; here it is switched off again
 * (CDP Emulation.setFocusEmulationEnabled false) on blank pages, each brought to front in
 * turn, and document.hasFocus() is read in all of them.
 */
async function probeNativeFocus(browser: Browser): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const pages: Page[] = [];
    for (let i = 0; i < WINDOWS; i++) pages.push(await context.newPage());
    const withEmulation = await Promise.all(pages.map(focusState));
    for (const page of pages) {
      const session = await context.newCDPSession(page);
      await session.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    }
    const lines = [`Playwright default (focus emulation on): hasFocus = [${withEmulation.map((s) => s.hasFocus).join(', ')}]`];
    for (let front = 0; front < pages.length; front++) {
      await pages[front].bringToFront();
      await delay(200);
      const states = await Promise.all(pages.map(focusState));
      lines.push(`emulation off, page ${front + 1} brought to front: hasFocus = [${states.map((s) => s.hasFocus).join(', ')}], visibility = [${states.map((s) => s.visibility).join(', ')}]`);
    }
    return lines;
  } finally {
    await context.close();
  }
}

/** The extension's globalState as the web workbench stores it in the page's IndexedDB. */
function storedGlobalState(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async (extensionId) => {
    const found: Record<string, string> = {};
    const request = <T>(r: IDBRequest<T>): Promise<T> => new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('vscode-web-state-db')) continue;
      const db = await request(indexedDB.open(name));
      try {
        if (!db.objectStoreNames.contains('ItemTable')) continue;
        const value: unknown = await request(db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(extensionId));
        if (typeof value === 'string') found[name] = value;
      } finally {
        db.close();
      }
    }
    return found;
  }, EXTENSION_ID);
}

/** Who, according to this page's IndexedDB, polled the server last, and when. */
async function lastPollRecord(page: Page): Promise<string> {
  const stored = await storedGlobalState(page);
  const parts: string[] = [];
  for (const [db, raw] of Object.entries(stored)) {
    try {
      const state = JSON.parse(raw) as Record<string, { at?: number; by?: string; snapshot?: unknown }>;
      for (const [key, record] of Object.entries(state)) {
        if (!key.startsWith('scrapehub.lastPoll:')) continue;
        const age = record.at === undefined ? '?' : `${((Date.now() - record.at) / 1000).toFixed(1)} s ago`;
        parts.push(`${db}: ${key} by ${record.by ?? '?'} (${age}, snapshot ${record.snapshot ? 'yes' : 'no'})`);
      }
    } catch {
      parts.push(`${db}: unparsable`);
    }
  }
  return parts.length ? parts.join('; ') : 'no scrapehub.lastPoll record';
}

function scraperRows(page: Page) {
  return page.locator('[role=treeitem][aria-label^="Scraper "]');
}

async function screenshotOnFailure(page: Page, label: string): Promise<string | undefined> {
  fs.mkdirSync(testResultsDir, { recursive: true });
  const file = path.join(testResultsDir, `measureWindows-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  return page.screenshot({ path: file, timeout: 10_000 }).then(() => file, () => undefined);
}

/** The ScrapeHub activity-bar item; opened (not toggled closed) if its view is not showing. */
async function openScrapeHubView(page: Page): Promise<void> {
  // <li role=tab aria-selected> holding <a class=action-label aria-label="ScrapeHub">.
  const item = page.locator('.part.activitybar li.action-item[role=tab]', { has: page.locator('a.action-label[aria-label^="ScrapeHub"]') }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const selected = (await item.getAttribute('aria-selected')) === 'true';
  if (!selected) await item.click();
}

type ViewShows = 'rows' | 'noKey';

async function waitForRowsOrNoKey(page: Page, timeoutMs: number): Promise<ViewShows> {
  const noKey = page.getByText('No API key is stored for this server yet');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await scraperRows(page).count() > 0) return 'rows';
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

/** Where code-server's web workbench keeps SecretStorage: localStorage "secrets.provider", sealed or not. */
function secretStorageInPage(page: Page): Promise<string> {
  return page.evaluate((key) => {
    const value = localStorage.getItem('secrets.provider');
    if (value === null) return 'no localStorage "secrets.provider"';
    return `localStorage "secrets.provider" present (${value.length} chars, ${value.includes(key) ? 'key in PLAIN TEXT' : 'key not in plain text'})`;
  }, API_KEY);
}

interface OpenedWindow {
  page: Page;
  label: string;
  /** How this window came to have the API key. */
  key: 'entered' | 'known at load' | 'arrived from another window';
  /** Extension-host processes that appeared while this window loaded. */
  hostPids: number[];
  /** When this script last clicked or typed in the window (VS Code's "active" window state follows input). */
  lastInputAt: number;
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
  lastInputAt: number;
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
  log(`  ${label}: loaded in ${((Date.now() - began) / 1000).toFixed(1)} s, view shows ${shows === 'rows' ? 'the scraper rows' : '"no API key"'}; `
    + `new extension host(s): ${hostPids.join(', ') || 'none'}`);
  return { page, label, shows, hostPids, lastInputAt: Date.now() };
}

async function enterKey(window: LoadedWindow): Promise<void> {
  await step(window.page, window.label, 'entering the API key', async () => {
    await setApiKey(window.page, API_KEY);
    await scraperRows(window.page).first().waitFor({ timeout: 15_000 });
  });
  window.lastInputAt = Date.now();
  log(`  ${window.label}: API key entered, scraper rows shown`);
}

function opened(window: LoadedWindow, key: OpenedWindow['key']): OpenedWindow {
  return { page: window.page, label: window.label, key, hostPids: window.hostPids, lastInputAt: window.lastInputAt };
}

/** A window in its own context, or one opened after the key was stored: load, enter the key if it has none. */
async function openWindow(context: BrowserContext, lab: Lab, label: string): Promise<OpenedWindow> {
  const window = await loadWindow(context, lab, label);
  if (window.shows === 'rows') return opened(window, 'known at load');
  await enterKey(window);
  return opened(window, 'entered');
}

/**
 * Windows sharing one browser context. Windows 1 and 2 are loaded first; the key is entered
 * in window 1 while window 2 is open (does window 2's SecretStorage hear of it?); the other
 * windows are opened after the key was stored (do they find it when they start?).
 */
async function openSharedWindows(context: BrowserContext, lab: Lab, labels: readonly string[]): Promise<OpenedWindow[]> {
  const first = await loadWindow(context, lab, labels[0]);
  const second = labels.length > 1 ? await loadWindow(context, lab, labels[1]) : undefined;
  const windows: OpenedWindow[] = [];
  if (first.shows === 'rows') {
    windows.push(opened(first, 'known at load'));
  } else {
    await enterKey(first);
    windows.push(opened(first, 'entered'));
  }
  if (second) {
    if (second.shows === 'rows') {
      windows.push(opened(second, 'known at load'));
    } else if (await rowsAppearWithin(second.page, KEY_PROPAGATION_WAIT_MS)) {
      log(`  ${second.label}: the key stored in ${first.label} reached this open window by itself`);
      windows.push(opened(second, 'arrived from another window'));
    } else {
      log(`  ${second.label}: still no key ${KEY_PROPAGATION_WAIT_MS / 1000} s after ${first.label} stored it`);
      await enterKey(second);
      windows.push(opened(second, 'entered'));
    }
  }
  for (const label of labels.slice(2)) windows.push(await openWindow(context, lab, label));
  return windows;
}

/** True if the scraper rows appear within `ms` without doing anything in this window. */
function rowsAppearWithin(page: Page, ms: number): Promise<boolean> {
  return scraperRows(page).first().waitFor({ timeout: ms }).then(() => true, () => false);
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

interface RunResult {
  name: 'shared' | 'control';
  description: string;
  measuredSeconds: number;
  getMessages: number;
  otherRequests: number;
  perInterval: number;
  offsets: number[];
  notes: string[];
}

function getMessagesBetween(requests: readonly RecordedRequest[], from: number, to: number): RecordedRequest[] {
  return requests.filter((r) => r.path === '/getMessages' && r.at >= from && r.at < to);
}

/** getMessages per window (by extension-host pid, from the relay), with their times in s after `from`. */
function perWindowRequests(lab: Lab, windows: readonly OpenedWindow[], from: number, to: number): string[] {
  const requests = lab.relay.getMessages.filter((r) => r.at >= from && r.at < to);
  const seconds = (at: number): string => ((at - from) / 1000).toFixed(2);
  const lines = windows.map((w) => {
    const own = requests.filter((r) => r.pid !== undefined && w.hostPids.includes(r.pid));
    return `${w.label} (ext host ${w.hostPids.join('+') || '?'}; last input by this script at ${seconds(w.lastInputAt)} s): ${own.length}`
      + (own.length ? ` at ${own.map((r) => seconds(r.at)).join(' ')}` : '');
  });
  const known = new Set(windows.flatMap((w) => w.hostPids));
  const others = requests.filter((r) => r.pid === undefined || !known.has(r.pid));
  if (others.length) lines.push(`other/unattributed (pids ${[...new Set(others.map((r) => r.pid ?? '?'))].join(', ')}): ${others.length}`);
  return lines;
}

/**
 * Rounds in which two different windows polled within `withinMs` of each other: the
 * signature of windows whose timers fire together, before either sees the other's poll.
 */
function coincidentPolls(lab: Lab, windows: readonly OpenedWindow[], from: number, to: number, withinMs = 1_000): string | undefined {
  const windowOf = (pid: number | undefined): string | undefined => windows.find((w) => pid !== undefined && w.hostPids.includes(pid))?.label;
  const requests = lab.relay.getMessages.filter((r) => r.at >= from && r.at < to);
  const pairs: string[] = [];
  for (let i = 1; i < requests.length; i++) {
    const [a, b] = [requests[i - 1], requests[i]];
    if (b.at - a.at < withinMs && windowOf(a.pid) !== windowOf(b.pid)) {
      pairs.push(`${((a.at - from) / 1000).toFixed(2)} s ${windowOf(a.pid) ?? '?'} + ${windowOf(b.pid) ?? '?'} ${b.at - a.at} ms later`);
    }
  }
  return pairs.length ? `${pairs.length} round(s) where two windows polled < ${withinMs} ms apart: ${pairs.join('; ')}` : undefined;
}

async function runWindows(name: RunResult['name'], lab: Lab): Promise<RunResult> {
  const shared = name === 'shared';
  const description = shared
    ? `${WINDOWS} pages in one browser context (shared storage)`
    : `${WINDOWS} pages in ${WINDOWS} browser contexts (separate storage)`;
  log(`${name} run: ${description}`);
  const notes: string[] = [];
  const contexts: BrowserContext[] = [];
  const newContext = async (): Promise<BrowserContext> => {
    const context = await lab.browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    return context;
  };
  try {
    const labels = Array.from({ length: WINDOWS }, (_, i) => `${name}-window-${i + 1}`);
    const windows: OpenedWindow[] = [];
    if (shared) {
      windows.push(...await openSharedWindows(await newContext(), lab, labels));
    } else {
      for (const label of labels) windows.push(await openWindow(await newContext(), lab, label));
    }
    const focus = await Promise.all(windows.map((w) => focusState(w.page)));
    const hosts = extensionHostPids(lab.pgrp);
    notes.push(`extension hosts: ${windows.map((w) => `${w.label} → ${w.hostPids.join('+') || '?'}`).join(', ')}; living while measuring: ${hosts.length}`);
    notes.push(`API key: ${windows.map((w) => `${w.label} ${w.key}`).join(', ')}`);
    notes.push(`SecretStorage: ${(await Promise.all(windows.map((w) => secretStorageInPage(w.page).then((s) => `${w.label}: ${s}`)))).join('; ')}`);
    notes.push(`document.hasFocus() / visibility at start: ${focus.map((f) => `${f.hasFocus}/${f.visibility}`).join(', ')}`);

    const from = Date.now();
    log(`  all ${WINDOWS} windows show the scraper rows; measuring ${MEASURE_SECONDS} s…`);
    // Halfway: the shared poll record as each page's IndexedDB holds it (same record = same storage).
    await delay(MEASURE_SECONDS * 500);
    const records = await Promise.all(windows.map((w) => lastPollRecord(w.page).catch((e: Error) => e.message)));
    await delay(Math.max(0, from + MEASURE_SECONDS * 1000 - Date.now()));
    const to = from + MEASURE_SECONDS * 1000;
    const focusAtEnd = await Promise.all(windows.map((w) => focusState(w.page)));
    notes.push(`document.hasFocus() at the end: ${focusAtEnd.map((f) => f.hasFocus).join(', ')}`);
    windows.forEach((w, i) => notes.push(`globalState (IndexedDB) halfway, ${w.label}: ${records[i]}`));
    notes.push('getMessages per window (times in s after start):', ...perWindowRequests(lab, windows, from, to).map((l) => `  ${l}`));
    const coincident = coincidentPolls(lab, windows, from, to);
    if (shared && coincident) notes.push(coincident);

    const measured = getMessagesBetween(lab.server.requests, from, to);
    return {
      name,
      description,
      measuredSeconds: MEASURE_SECONDS,
      getMessages: measured.length,
      otherRequests: lab.server.requests.filter((r) => r.path !== '/getMessages' && r.at >= from && r.at < to).length,
      perInterval: measured.length / (MEASURE_SECONDS / INTERVAL_SECONDS),
      offsets: measured.map((r) => (r.at - from) / 1000),
      notes,
    };
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    const left = await waitForNoExtensionHosts(lab.pgrp, 15_000);
    log(`  ${name} run over: browser context(s) closed; extension hosts still alive: ${left.length}`);
  }
}

// ---------------------------------------------------------------------------------------
// Report

function printReport(results: readonly RunResult[], findings: readonly string[]): void {
  const header = ['run', 'windows', 'interval', 'measured s', 'getMessages', 'requests/interval', 'other requests'];
  const rows = results.map((r) => [
    r.name, String(WINDOWS), `${INTERVAL_SECONDS} s`, String(r.measuredSeconds), String(r.getMessages), r.perInterval.toFixed(2), String(r.otherRequests),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log('');
  console.log('=== ScrapeHub: getMessages requests with several VS Code windows on one server ===');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((row) => console.log(line(row)));
  for (const r of results) {
    console.log('');
    console.log(`${r.name}: ${r.description}`);
    console.log(`  getMessages at (s after start): ${r.offsets.map((o) => o.toFixed(2)).join(' ')}`);
    const gaps = r.offsets.slice(1).map((t, i) => t - r.offsets[i]).sort((a, b) => a - b);
    if (gaps.length) {
      console.log(`  gaps (s): min ${gaps[0].toFixed(2)}, median ${gaps[Math.floor(gaps.length / 2)].toFixed(2)}, max ${gaps[gaps.length - 1].toFixed(2)}`);
    }
    r.notes.forEach((n) => console.log(`  ${n}`));
  }
  console.log('');
  console.log('Focus probe (headless Chromium):');
  findings.forEach((f) => console.log(`  ${f}`));
  const shared = results.find((r) => r.name === 'shared');
  const control = results.find((r) => r.name === 'control');
  console.log('');
  console.log(`${WINDOWS} windows, interval ${INTERVAL_SECONDS} s: ${shared?.perInterval.toFixed(1) ?? '?'} requests/interval shared`
    + ` (${control?.perInterval.toFixed(1) ?? '?'} without sharing)`);
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
  const installVsix = vsix ?? await packageExtensionVsix(root);
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
  log(`code-server at ${codeServer.url} (process group ${pgrp ?? 'not found'}; extension hosts before any window: ${extensionHostPids(pgrp).length})`);

  const { browser, page: firstPage } = await launchChromium();
  await firstPage.context().close();
  const focusFindings = await probeNativeFocus(browser);

  const lab: Lab = { server, relay, codeServer, pgrp, browser };
  const results = [await runWindows('shared', lab), await runWindows('control', lab)];
  printReport(results, focusFindings);
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
