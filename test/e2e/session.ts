/**
 * One end-to-end session: the packaged VSIX installed into a fresh VS Code profile (no
 * smoke-test driver, so the workbench behaves as for a person: notification toasts show),
 * next to the suite's own driver extension (driver/: palette commands that call ScrapeHub's
 * language-model tools as a chat agent would, packaged as a VSIX of its own),
 * the local ScrapeHub server in this process, and the workbench window driven by playwright-core.
 *
 * Two hosts, chosen by SCRAPEHUB_TEST_HOST like the integration suite's:
 * - `code-server` (default, works offline): VS Code's web workbench served by code-server,
 *   opened in headless Chromium;
 * - `electron`: desktop VS Code downloaded by @vscode/test-electron, launched through
 *   playwright-core's Electron support (needs the download and, on Linux, a display).
 * The workbench DOM is the same in both, so the scenarios and the Workbench helpers do not
 * know which one runs. What differs (how the profile is made, how the window is opened,
 * which output a failure report shows) stays in the E2eHost each one provides below. Both
 * keep user settings in `<user-data-dir>/User/settings.json` on this machine, and the
 * scenarios change them in the Settings editor, like a person, on either host.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';
import { launchChromium } from '../host/browser';
import { startCodeServer } from '../host/codeServer';
import { repoRoot, testResultsDir } from '../host/hostPaths';
import { packageE2eDriverVsix, packageExtensionVsix } from '../host/packageExtension';
import { registerCleanup } from '../host/shutdown';
import { makeTempDir, removeDirs } from '../host/tempDirs';
import { writeUserSettings } from '../host/userSettings';
import { ensureVsCodeDesktopDownloaded, installVsixIntoDesktop, launchVsCodeDesktop } from '../host/vsCodeDesktop';

/**
 * User settings of the e2e profile, over the harness's quiet defaults. The extension's own
 * settings keep their defaults (the "server down" scenario changes the refresh interval in
 * the Settings editor, like a person). Reduced motion makes menus, dialogs and toasts appear
 * without fading in, so screenshots show them fully drawn; it changes nothing in the extension.
 */
export const e2eUserSettings: Readonly<Record<string, unknown>> = {
  'workbench.reduceMotion': 'on',
};

export type E2eHostName = 'code-server' | 'electron';

/** SCRAPEHUB_TEST_HOST, which run.ts sets to the host it chose (../host/chooseHost.ts). */
export function e2eHostName(): E2eHostName {
  const host = process.env.SCRAPEHUB_TEST_HOST;
  if (!host || host === 'code-server') return 'code-server';
  if (host === 'electron') return 'electron';
  throw new Error(`SCRAPEHUB_TEST_HOST=${host} is not a host; use code-server (default) or electron`);
}

/** The VS Code the suite drives: one window (page) on a fresh profile with the VSIX installed. */
interface E2eHost {
  /** For logs and failure reports, e.g. "code-server on http://127.0.0.1:1234". */
  description: string;
  page: Page;
  userDataDir: string;
  /** Brings the workbench up in `page` (code-server: navigates to its URL; desktop: the window loads it by itself). */
  openWorkbench(): Promise<void>;
  /** The host's last output lines (code-server or VS Code's main process), for failure reports. */
  recentOutput(): string;
}

export interface E2eSession {
  hub: RunningScrapeHubServer;
  hostName: E2eHostName;
  host: E2eHost;
  page: Page;
  /** The extension's VSIX, as released. */
  vsix: string;
  /** `<user-data-dir>/User/settings.json` of the profile (on this machine for both hosts). */
  userSettingsFile: string;
  /** Uncaught errors of the workbench page, for failure reports. */
  pageErrors: string[];
  stop(): Promise<void>;
}

type Stops = Array<() => Promise<void>>;

/** code-server with the VSIX installed and the settings written server-side, opened in headless Chromium. */
async function startCodeServerHost(vsixes: string[], workspaceDir: string, stops: Stops): Promise<E2eHost> {
  const codeServer = await startCodeServer({
    smokeTestDriver: false,
    installVsix: vsixes,
    workspaceDir,
    settings: { ...e2eUserSettings },
  });
  stops.push(() => codeServer.stop());
  const { browser, page } = await launchChromium();
  stops.push(() => browser.close());
  return {
    description: `code-server on ${codeServer.url}`,
    page,
    userDataDir: codeServer.userDataDir,
    openWorkbench: async () => {
      await page.goto(codeServer.url, { waitUntil: 'domcontentloaded' });
    },
    recentOutput: () => codeServer.recentOutput(),
  };
}

/** Desktop VS Code (downloaded) with the VSIX installed by its CLI and the settings written before launch. */
async function startElectronHost(vsixes: string[], root: string, workspaceDir: string, stops: Stops): Promise<E2eHost> {
  const executablePath = await ensureVsCodeDesktopDownloaded();
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  await fs.mkdir(extensionsDir, { recursive: true });
  await writeUserSettings(userDataDir, { ...e2eUserSettings });
  for (const vsix of vsixes) await installVsixIntoDesktop(executablePath, vsix, extensionsDir, userDataDir);
  const { app, page, output } = await launchVsCodeDesktop({ executablePath, workspaceDir, extensionsDir, userDataDir });
  stops.push(() => app.close().catch(() => undefined));
  return {
    description: `desktop VS Code (${path.relative(repoRoot, executablePath)})`,
    page,
    userDataDir,
    openWorkbench: async () => undefined,
    recentOutput: () => output.join('\n'),
  };
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
    // npm test packages ours once for every suite (test/host/runAllTests.ts) and passes it on.
    const prebuilt = process.env.SCRAPEHUB_E2E_VSIX;
    log(`packaging ${prebuilt ? '' : 'the extension (vsce package, which runs vscode:prepublish) and '}the e2e driver…`);
    const [vsix, driverVsix] = await Promise.all([prebuilt ?? packageExtensionVsix(root), packageE2eDriverVsix(root)]);

    const hub = await startScrapeHubServer({ seed: 'demo' });
    stops.push(() => hub.close());
    log(`local ScrapeHub server on ${hub.baseUrl}`);

    const workspaceDir = path.join(root, 'workspace');
    await fs.mkdir(workspaceDir, { recursive: true });
    const hostName = e2eHostName();
    const host =
      hostName === 'electron'
        ? await startElectronHost([vsix, driverVsix], root, workspaceDir, stops)
        : await startCodeServerHost([vsix, driverVsix], workspaceDir, stops);
    log(`${host.description} with ${path.basename(vsix)} and ${path.basename(driverVsix)} installed`);

    const { page } = host;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.setDefaultTimeout(30_000);
    await host.openWorkbench();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: workbenchLoadTimeoutMs });

    return {
      hub,
      hostName,
      host,
      page,
      vsix,
      userSettingsFile: path.join(host.userDataDir, 'User', 'settings.json'),
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
  return text
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Screenshot and a text report (host output, page errors, last requests) in test-results/e2e/. */
export async function saveFailureArtifacts(session: E2eSession | undefined, page: Page | undefined, title: string): Promise<string[]> {
  const dir = path.join(testResultsDir, 'e2e');
  await fs.mkdir(dir, { recursive: true });
  const base = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${fileSafe(title)}`);
  const saved: string[] = [];
  if (page && !page.isClosed()) {
    const ok = await page.screenshot({ path: `${base}.png`, timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (ok) saved.push(`${base}.png`);
  }
  if (session) {
    const requests = session.hub.requests
      .slice(-40)
      .map((request) => `${new Date(request.at).toISOString()} ${request.method} ${request.path} key=${request.apiKey ? 'yes' : 'no'}`);
    const report = [
      `test: ${title}`,
      '--- last requests to the local ScrapeHub server ---',
      ...requests,
      '--- workbench page errors ---',
      ...session.pageErrors.slice(-20),
      `--- ${session.hostName} output (last lines) ---`,
      session.host.recentOutput(),
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
