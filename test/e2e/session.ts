/**
 * One end-to-end session: the packaged VSIX installed into a fresh code-server (no
 * smoke-test driver, so the workbench behaves as for a person: notification toasts show),
 * the local ScrapeHub server in this process, and headless Chromium with the workbench open.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';
import { launchChromium } from '../host/browser';
import { startCodeServer, type RunningCodeServer } from '../host/codeServer';
import { repoRoot, testResultsDir } from '../host/hostPaths';
import { packageExtensionVsix } from '../host/packageExtension';
import { registerCleanup } from '../host/shutdown';
import { makeTempDir, removeDirs } from '../host/tempDirs';

/**
 * User settings of the e2e profile, over the harness's quiet defaults. The extension's own
 * settings keep their defaults (the "server down" scenario changes the refresh interval in
 * the Settings editor, like a person). Reduced motion makes menus, dialogs and toasts appear
 * without fading in, so screenshots show them fully drawn; it changes nothing in the extension.
 */
export const e2eUserSettings: Readonly<Record<string, unknown>> = {
  'workbench.reduceMotion': 'on',
};

export interface E2eSession {
  hub: RunningScrapeHubServer;
  codeServer: RunningCodeServer;
  browser: Browser;
  page: Page;
  vsix: string;
  /** `<user-data-dir>/User/settings.json` of the code-server profile. */
  userSettingsFile: string;
  /** Uncaught errors of the workbench page, for failure reports. */
  pageErrors: string[];
  stop(): Promise<void>;
}

const workbenchLoadTimeoutMs = 90_000;

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

/**
 * Starts everything in order; if a step fails, stops what already runs before rethrowing.
 * Ctrl+C during a run stops it all too (registered cleanup).
 */
export async function startE2eSession(): Promise<E2eSession> {
  const root = await makeTempDir('scrapehub-e2e-');
  const stops: Array<() => Promise<void>> = [() => removeDirs([root])];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: Error) => console.error(`[e2e] cleanup: ${error.message}`));
    }
  };
  const unregister = registerCleanup(stopAll);
  try {
    log('packaging the extension (vsce package, which runs vscode:prepublish)…');
    const vsix = await packageExtensionVsix(root);

    const hub = await startScrapeHubServer({ seed: 'demo' });
    stops.push(() => hub.close());
    log(`local ScrapeHub server on ${hub.baseUrl}`);

    const workspaceDir = path.join(root, 'workspace');
    await fs.mkdir(workspaceDir, { recursive: true });
    const codeServer = await startCodeServer({
      smokeTestDriver: false,
      installVsix: vsix,
      workspaceDir,
      settings: { ...e2eUserSettings },
    });
    stops.push(() => codeServer.stop());
    log(`code-server on ${codeServer.url} with ${path.basename(vsix)} installed`);

    const { browser, page } = await launchChromium();
    stops.push(() => browser.close());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.setDefaultTimeout(30_000);
    await page.goto(codeServer.url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: workbenchLoadTimeoutMs });

    return {
      hub,
      codeServer,
      browser,
      page,
      vsix,
      userSettingsFile: path.join(codeServer.userDataDir, 'User', 'settings.json'),
      pageErrors,
      stop: async () => {
        unregister();
        await stopAll();
      },
    };
  } catch (error) {
    unregister();
    await stopAll();
    throw error;
  }
}

function fileSafe(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/** Screenshot and a text report (code-server output, page errors, last requests) in test-results/e2e/. */
export async function saveFailureArtifacts(session: E2eSession | undefined, page: Page | undefined, title: string): Promise<string[]> {
  const dir = path.join(testResultsDir, 'e2e');
  await fs.mkdir(dir, { recursive: true });
  const base = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${fileSafe(title)}`);
  const saved: string[] = [];
  if (page && !page.isClosed()) {
    const ok = await page.screenshot({ path: `${base}.png`, timeout: 15_000 }).then(() => true, () => false);
    if (ok) saved.push(`${base}.png`);
  }
  if (session) {
    const requests = session.hub.requests.slice(-40).map((request) =>
      `${new Date(request.at).toISOString()} ${request.method} ${request.path} key=${request.apiKey ? 'yes' : 'no'}`);
    const report = [
      `test: ${title}`,
      '--- last requests to the local ScrapeHub server ---', ...requests,
      '--- workbench page errors ---', ...session.pageErrors.slice(-20),
      '--- code-server output (last lines) ---', session.codeServer.recentOutput(),
    ].join('\n');
    await fs.writeFile(`${base}.txt`, report);
    saved.push(`${base}.txt`);
  }
  return saved;
}

/**
 * Where README screenshots go: `media/screenshots/` when SCRAPEHUB_E2E_UPDATE_SCREENSHOTS=1
 * (to refresh the README's images), else test-results/e2e/screenshots/ (so an ordinary run
 * takes them too, but does not change tracked files).
 */
export function readmeScreenshotDir(): string {
  return process.env.SCRAPEHUB_E2E_UPDATE_SCREENSHOTS === '1'
    ? path.join(repoRoot, 'media', 'screenshots')
    : path.join(testResultsDir, 'e2e', 'screenshots');
}
