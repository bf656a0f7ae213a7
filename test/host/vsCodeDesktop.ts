import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { hostCacheDir, repoRoot } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';
import { registerCleanup } from './shutdown';

/**
 * Desktop VS Code (Electron) for the end-to-end suite: downloaded by @vscode/test-electron
 * into the host cache, the packaged VSIX installed with its CLI, and the window driven by
 * playwright-core's (experimental) Electron support. Needs a machine that can download
 * VS Code and, on Linux, a display (start the suite under `xvfb-run -a` on a headless box).
 */

/** The desktop host cannot run here (no download, no display): the message says why and what to do. */
export class HostUnavailableError extends Error {}

/** `SCRAPEHUB_VSCODE_VERSION`, else the minimum version in engines.vscode ("^1.95.0" -> "1.95.0"). */
export function vsCodeVersionToTest(extensionRoot: string = repoRoot): string {
  if (process.env.SCRAPEHUB_VSCODE_VERSION) return process.env.SCRAPEHUB_VSCODE_VERSION;
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as {
    engines?: { vscode?: string };
  };
  const minimum = /(\d+\.\d+\.\d+)/.exec(manifest.engines?.vscode ?? '');
  return minimum ? minimum[1] : 'stable';
}

/** Idle timeout of each download request (no data for this long fails it), not of the whole download. */
const downloadIdleTimeoutMs = 20_000;
const installTimeoutMs = 120_000;
const launchTimeoutMs = 90_000;

/**
 * Downloads VS Code (or finds it in the host cache) and resolves with its executable.
 * Offline this fails within seconds, with test-electron's error in the message.
 */
export async function ensureVsCodeDesktopDownloaded(): Promise<string> {
  const version = vsCodeVersionToTest();
  console.log(
    `[host] VS Code ${version} (desktop, @vscode/test-electron), cached in ${hostCacheDir.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, hostCacheDir) : hostCacheDir}`,
  );
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: hostCacheDir, timeout: downloadIdleTimeoutMs });
  } catch (error) {
    throw new HostUnavailableError(
      `could not download VS Code ${version} for the Electron host: ${(error as Error).message}\n` +
        'The Electron host needs https://update.code.visualstudio.com (or a copy already in the host cache); ' +
        'without it, run with the default host (unset SCRAPEHUB_TEST_HOST, or SCRAPEHUB_TEST_HOST=code-server).',
      { cause: error },
    );
  }
}

/** Environment for VS Code: without variables an enclosing VS Code terminal leaks in. */
function desktopEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // ELECTRON_RUN_AS_NODE would make Electron plain Node; VSCODE_* (IPC hooks, PIDs, …)
    // would make the new instance talk to the VS Code this runs in.
    if (value === undefined || name === 'ELECTRON_RUN_AS_NODE' || name.startsWith('VSCODE_')) continue;
    env[name] = value;
  }
  return env;
}

/** Electron cannot start without a display; playwright cannot wrap it in xvfb-run for us. */
export function assertDisplayAvailable(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  throw new HostUnavailableError(
    'the Electron host needs a display, and DISPLAY is not set. On a headless Linux machine start the ' +
      'suite under a virtual one: SCRAPEHUB_TEST_HOST=electron xvfb-run -a npm run test:e2e',
  );
}

/** Installs `vsix` into `extensionsDir` with the downloaded VS Code's CLI. */
export async function installVsixIntoDesktop(
  executablePath: string,
  vsix: string,
  extensionsDir: string,
  userDataDir: string,
): Promise<void> {
  // reuseMachineInstall: only the CLI path; the profile options are ours (else test-electron adds shared ones).
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executablePath, { reuseMachineInstall: true });
  const child = spawnInOwnProcessGroup(
    cli,
    [...cliArgs, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: desktopEnvironment(),
      // The Windows CLI is a .cmd file.
      shell: process.platform === 'win32',
    },
  );
  const exitCode = await waitForExitOrStopGroup(child, installTimeoutMs, 'installing the VSIX into VS Code');
  if (exitCode !== 0) throw new Error(`\`code --install-extension\` failed with exit code ${exitCode}; see its output above`);
}

export interface DesktopWindowOptions {
  executablePath: string;
  workspaceDir: string;
  extensionsDir: string;
  /** Holds `User/settings.json`, written before the launch. */
  userDataDir: string;
}

/**
 * Launches desktop VS Code on `workspaceDir` with the given profile and resolves with its
 * first window, once the workbench shows. The app is closed by the returned app's close().
 */
export async function launchVsCodeDesktop(
  options: DesktopWindowOptions,
): Promise<{ app: ElectronApplication; page: Page; output: string[] }> {
  assertDisplayAvailable();
  const app = await _electron.launch({
    executablePath: options.executablePath,
    // Valued options in "=" form: VS Code's parser would otherwise read the argument after an
    // unknown Chromium switch (such as --no-sandbox) as that switch's value.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      `--extensions-dir=${options.extensionsDir}`,
      `--user-data-dir=${options.userDataDir}`,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
      '--disable-updates',
      '--disable-crash-reporter',
      '--no-cached-data',
      // No OS keyring on a CI box: SecretStorage (the API key) stays in memory, and the
      // profile starts empty like the code-server one.
      '--use-inmemory-secretstorage',
      '--new-window',
      options.workspaceDir,
    ],
    env: desktopEnvironment(),
    timeout: launchTimeoutMs,
  });
  const closeApp = (): Promise<void> => app.close().catch(() => undefined);
  const unregister = registerCleanup(closeApp);
  app.on('close', unregister);
  // VS Code's main-process output, for failure reports.
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  app.process().stdout?.on('data', keep);
  app.process().stderr?.on('data', keep);
  try {
    const page = await app.firstWindow({ timeout: launchTimeoutMs });
    // The same window size as the browser page, so screenshots match.
    // Typed here: Electron's own types are not installed for the tests.
    await app.evaluate(
      ({
        BrowserWindow,
      }: {
        BrowserWindow: { getAllWindows(): Array<{ unmaximize(): void; setContentSize(width: number, height: number): void }> };
      }) => {
        const window = BrowserWindow.getAllWindows()[0];
        if (window) {
          window.unmaximize();
          window.setContentSize(1400, 900);
        }
      },
    );
    return { app, page, output };
  } catch (error) {
    await closeApp();
    throw error;
  }
}
