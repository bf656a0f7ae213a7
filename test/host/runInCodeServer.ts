import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { createExtensionHostConsolePrinter } from './extensionHostConsole';
import { testResultsDir } from './hostPaths';
import { launchPipePage, type PipePage } from './pipeBrowser';
import { ensureCodeServerProvisioned } from './provisionHost';
import { registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import type { ExtensionTestRunOptions } from './testRunOptions';
import { TimeoutError, withTimeout } from './timeouts';

/** The workbench's report when the extension host finished `run()`: exit code + its log files. */
interface AutomationExit {
  code: number;
  logs: Array<{ relativePath: string; contents: string }>;
}

/** A path on the code-server machine, as the web workbench must address it. */
function remoteUri(server: RunningCodeServer, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(absolutePath).pathname}`;
}

/** The URL that makes the workbench run `extensionTestsPath` (needs --enable-smoke-test-driver). */
function extensionTestUrl(server: RunningCodeServer, options: ExtensionTestRunOptions, workspaceDir: string): string {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, options.extensionDevelopmentPath)],
    ['extensionTestsPath', remoteUri(server, options.extensionTestsPath)],
    // With a debugId, the workbench forwards extension-host console output to the page console.
    ['debugId', 'tests'],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.url}?${new URLSearchParams({ folder: workspaceDir, payload: JSON.stringify(payload) })}`;
}

/**
 * Must be called before navigating: the workbench looks `codeAutomationExit(code, logs)` up
 * when the run ends. Returns the pending exit wrapped in an object, since an async function
 * would otherwise wait for the exit itself.
 */
async function exposeAutomationExit(page: PipePage): Promise<{ exited: Promise<AutomationExit> }> {
  let report!: (exit: AutomationExit) => void;
  const exited = new Promise<AutomationExit>((resolve) => {
    report = resolve;
  });
  // A protocol binding takes one string: the page-side function packs both arguments.
  await page.exposeBinding('__scrapehubAutomationExit', (payload) => {
    const { code, logs } = JSON.parse(payload) as { code: unknown; logs: unknown };
    report({ code: typeof code === 'number' ? code : 1, logs: Array.isArray(logs) ? (logs as AutomationExit['logs']) : [] });
  });
  await page.addInitScript('window.codeAutomationExit = (code, logs) => window.__scrapehubAutomationExit(JSON.stringify({ code, logs }));');
  // The suites observe the extension through VS Code's API, never the pixels (the e2e suite
  // does): the workbench lays out as usual, but nothing is painted, which saves about a tenth of a run's CPU.
  await page.addInitScript(
    `document.addEventListener('DOMContentLoaded', () => { const style = document.createElement('style'); style.textContent = '*, *::before, *::after { visibility: hidden !important; }'; document.head.append(style); });`,
  );
  return { exited };
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

async function saveWorkbenchLogs(logs: AutomationExit['logs']): Promise<string> {
  const dir = path.join(testResultsDir, `code-server-logs-${timestamp()}`);
  for (const log of logs) {
    const file = path.join(dir, log.relativePath);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, log.contents);
  }
  return dir;
}

async function reportTimeout(page: PipePage, server: RunningCodeServer, timeoutMs: number): Promise<void> {
  await fs.mkdir(testResultsDir, { recursive: true });
  const screenshot = path.join(testResultsDir, `code-server-timeout-${timestamp()}.png`);
  const png = await withTimeout(page.screenshot(), 10_000, 'screenshot').catch(() => undefined);
  const saved = png !== undefined && (await fs.writeFile(screenshot, png).then(() => true));
  console.error(`[host] the suite did not finish within ${timeoutMs} ms${saved ? `; screenshot: ${screenshot}` : ''}`);
  console.error(`[host] last code-server output:\n${server.recentOutput()}`);
}

async function runSuiteInPage(
  page: PipePage,
  server: RunningCodeServer,
  options: ExtensionTestRunOptions,
  workspaceDir: string,
  deadline: number,
): Promise<number> {
  page.onConsole(createExtensionHostConsolePrinter());
  const { exited } = await exposeAutomationExit(page);
  // Fail fast instead of waiting for the timeout when the page or code-server dies mid-run.
  let finished = false;
  const crashed = new Promise<AutomationExit>((resolve) => {
    const fail = (reason: string): void => {
      if (finished) return;
      console.error(`[host] ${reason}`);
      resolve({ code: 1, logs: [] });
    };
    void page.crashed.then(fail);
    void server.exited.then((code) => fail(`code-server exited unexpectedly (code ${code}):\n${server.recentOutput()}`));
  });
  try {
    const run = (async () => {
      await page.navigate(extensionTestUrl(server, options, workspaceDir));
      return Promise.race([exited, crashed]);
    })();
    const exit = await withTimeout(run, Math.max(deadline - Date.now(), 1), 'extension test run');
    if (exit.code !== 0 && exit.logs.length > 0) console.error(`[host] workbench logs saved to ${await saveWorkbenchLogs(exit.logs)}`);
    return exit.code;
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    await reportTimeout(page, server, options.timeoutMs);
    return 1;
  } finally {
    finished = true;
  }
}

/**
 * Runs an extension test suite (desktop runner contract: `run(): Promise<void>`) inside
 * code-server's real extension host, driven by headless Chromium. Extension-host console
 * output (the mocha reporter) is printed to stdout. Resolves with the suite's exit code;
 * 1 when it failed to load or did not finish within `timeoutMs`.
 */
export async function runExtensionTestsInCodeServer(options: ExtensionTestRunOptions): Promise<number> {
  // A first-time install takes minutes and has its own timeout; it must not eat the suite's.
  await ensureCodeServerProvisioned();
  const deadline = Date.now() + options.timeoutMs;
  const ownedWorkspace = options.workspaceDir ? [] : [await makeTempDir('scrapehub-workspace-')];
  const workspaceDir = options.workspaceDir ?? ownedWorkspace[0];
  const unregisterCleanup = registerCleanup(() => removeDirs(ownedWorkspace));
  try {
    // code-server hands its own environment to the extension hosts it forks.
    const server = await startCodeServer({
      smokeTestDriver: true,
      workspaceDir,
      settings: options.settings,
      env: options.env,
      locale: options.locale,
    });
    try {
      const page = await launchPipePage();
      try {
        return await runSuiteInPage(page, server, options, workspaceDir, deadline);
      } finally {
        await page.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    unregisterCleanup();
    await removeDirs(ownedWorkspace);
  }
}
