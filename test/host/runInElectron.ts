import { runTests, TestRunFailedError } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasXvfbRun } from './chooseHost';
import { hostCacheDir } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';
import { registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import type { ExtensionTestRunOptions } from './testRunOptions';
import { TimeoutError } from './timeouts';
import { writeUserSettings } from './userSettings';
import { vsCodeVersionToTest } from './vsCodeDesktop';

/**
 * Desktop VS Code via @vscode/test-electron, the ecosystem's standard host. It downloads
 * VS Code, so it works on a developer machine or public CI but not on the offline build
 * machines (use the code-server host there).
 *
 * test-electron's runTests() keeps the VS Code process to itself, so a timeout could not
 * stop it. The run therefore happens in a worker: this same file, started as its own
 * process group, which we can stop as a whole (worker, VS Code, and Xvfb if used).
 */

interface WorkerRequest {
  version: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspaceDir: string;
  userDataDir: string;
  extensionsDir: string;
  env: Record<string, string>;
}

async function runTestsInThisProcess(request: WorkerRequest): Promise<number> {
  try {
    return await runTests({
      version: request.version,
      cachePath: hostCacheDir,
      extensionDevelopmentPath: request.extensionDevelopmentPath,
      extensionTestsPath: request.extensionTestsPath,
      extensionTestsEnv: request.env,
      launchArgs: [
        request.workspaceDir,
        // Only the extension under test: no installed extensions interfere.
        '--disable-extensions',
        // "=" form: test-electron only skips its own shared profile dirs when it sees these.
        `--user-data-dir=${request.userDataDir}`,
        `--extensions-dir=${request.extensionsDir}`,
      ],
    });
  } catch (error) {
    // runTests rejects (rather than resolving) with the exit code of a failed run.
    if (error instanceof TestRunFailedError) return error.code ?? 1;
    console.error(`[host] could not run VS Code: ${(error as Error).message}`);
    return 1;
  }
}

/** Electron needs a display; on a headless Linux box, run under xvfb-run when it exists. */
function displayWrapper(): string[] {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return [];
  if (hasXvfbRun()) return ['xvfb-run', '-a'];
  console.warn('[host] no DISPLAY and no xvfb-run: VS Code will probably fail to start');
  return [];
}

function startWorker(request: WorkerRequest) {
  const [command, ...args] = [...displayWrapper(), process.execPath, __filename, JSON.stringify(request)];
  const env = { ...process.env };
  // Set when this runs inside a VS Code terminal; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return spawnInOwnProcessGroup(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
}

/**
 * Runs an extension test suite in desktop VS Code (downloaded by @vscode/test-electron into
 * the host cache), with a fresh profile holding the quiet settings. Resolves with the exit code.
 */
export async function runExtensionTestsInElectron(options: ExtensionTestRunOptions): Promise<number> {
  const profileRoot = await makeTempDir('scrapehub-electron-');
  const workspaceDir = options.workspaceDir ?? path.join(profileRoot, 'workspace');
  const request: WorkerRequest = {
    version: vsCodeVersionToTest(options.extensionDevelopmentPath),
    extensionDevelopmentPath: options.extensionDevelopmentPath,
    extensionTestsPath: options.extensionTestsPath,
    workspaceDir,
    userDataDir: path.join(profileRoot, 'user-data'),
    extensionsDir: path.join(profileRoot, 'extensions'),
    env: options.env ?? {},
  };
  const unregisterCleanup = registerCleanup(() => removeDirs([profileRoot]));
  try {
    fs.mkdirSync(workspaceDir, { recursive: true });
    await writeUserSettings(request.userDataDir, options.settings);
    console.log(`[host] VS Code ${request.version} (desktop, @vscode/test-electron)`);
    // Includes the download on a first run; test-electron caches it in the host cache.
    return await waitForExitOrStopGroup(startWorker(request), options.timeoutMs, 'extension test run in VS Code');
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    console.error(`[host] ${error.message}`);
    return 1;
  } finally {
    unregisterCleanup();
    await removeDirs([profileRoot]);
  }
}

if (require.main === module) {
  const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  void runTestsInThisProcess(request).then((code) => process.exit(code));
}
