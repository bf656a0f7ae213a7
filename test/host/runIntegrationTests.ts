import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseHost, type HostName } from './chooseHost';
import { repoRoot } from './hostPaths';
import { PSEUDO_LOCALE, pseudoLocalisedExtensionCopy } from './pseudoLocale';
import { runExtensionTestsInCodeServer } from './runInCodeServer';
import { runExtensionTestsInElectron } from './runInElectron';
import { handleShutdownSignals, registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import type { ExtensionTestRunOptions } from './testRunOptions';
import { HostUnavailableError } from './vsCodeDesktop';

/**
 * `npm run test:integration`: runs out/test/integration (mocha, inside a real extension
 * host) in the host chosen by SCRAPEHUB_TEST_HOST (unset: code-server where it can be
 * provisioned, else electron; see chooseHost.ts):
 *   code-server — offline: code-server from npm + Debian chromium;
 *   electron    — desktop VS Code downloaded by @vscode/test-electron.
 * SCRAPEHUB_TEST_* variables of this process reach the extension host on both hosts.
 */

const hosts: Record<HostName, (options: ExtensionTestRunOptions) => Promise<number>> = {
  'code-server': runExtensionTestsInCodeServer,
  electron: runExtensionTestsInElectron,
};

const defaultTimeoutMs = 5 * 60_000;
/** The describe() that checks the extension in another display language, and its file. */
const LOCALISATION_SUITE = 'Localisation';
const LOCALISATION_FILE = 'localisation.test.js';

/** Files the run needs but does not build; missing ones would fail later with a confusing error. */
function missingBuildOutputs(extensionTestsPath: string): string[] {
  const needed = [
    [path.join(repoRoot, 'dist', 'extension.js'), 'npm run compile'],
    [path.join(repoRoot, 'dist', 'parseWorker.js'), 'npm run compile'],
    [extensionTestsPath, 'npm run compile-tests'],
  ];
  return needed.filter(([file]) => !fs.existsSync(file)).map(([file, fix]) => `${path.relative(repoRoot, file)} (run \`${fix}\`)`);
}

async function main(): Promise<number> {
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  const missing = missingBuildOutputs(extensionTestsPath);
  if (missing.length > 0) {
    console.error(`Missing build output: ${missing.join('; ')}`);
    return 2;
  }

  handleShutdownSignals();
  let hostName: HostName;
  try {
    hostName = await chooseHost('integration');
  } catch (error) {
    if (!(error instanceof HostUnavailableError)) throw error;
    console.error(`[host] ${error.message}`);
    return 2;
  }
  const runOnHost = hosts[hostName];
  const startedAt = Date.now();
  console.log(`[host] integration tests on ${hostName}`);
  const exitCode = await runOnHost({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    // No workspaceDir: each host opens a fresh, empty temp folder.
    timeoutMs: Number(process.env.SCRAPEHUB_TEST_TIMEOUT_MS ?? defaultTimeoutMs),
  });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`[host] ${hostName}: exit code ${exitCode}, wall time ${seconds} s`);
  const { SCRAPEHUB_TEST_GREP: grep, SCRAPEHUB_TEST_FILES: files } = process.env;
  const ranLocalisation = (!grep || new RegExp(grep).test(LOCALISATION_SUITE)) && (!files || new RegExp(files).test(LOCALISATION_FILE));
  if (hostName !== 'code-server' || !ranLocalisation) {
    return exitCode;
  }
  const pseudoExitCode = await runInPseudoLocale(runOnHost, extensionTestsPath);
  return exitCode !== 0 ? exitCode : pseudoExitCode;
}

/**
 * Runs the Localisation suite once more with the display language set to the pseudo-locale,
 * against a copy of the extension that has pseudo-translations (see pseudoLocale.ts).
 */
async function runInPseudoLocale(
  runOnHost: (options: ExtensionTestRunOptions) => Promise<number>,
  extensionTestsPath: string,
): Promise<number> {
  const startedAt = Date.now();
  const dir = await makeTempDir('scrapehub-pseudo-locale-');
  const unregisterCleanup = registerCleanup(() => removeDirs([dir]));
  try {
    console.log(`[host] ${LOCALISATION_SUITE} suite again in the pseudo-locale ${PSEUDO_LOCALE}`);
    const exitCode = await runOnHost({
      extensionDevelopmentPath: await pseudoLocalisedExtensionCopy(path.join(dir, 'extension')),
      extensionTestsPath,
      locale: PSEUDO_LOCALE,
      env: { SCRAPEHUB_TEST_GREP: LOCALISATION_SUITE, SCRAPEHUB_TEST_LOCALE: PSEUDO_LOCALE },
      timeoutMs: Number(process.env.SCRAPEHUB_TEST_TIMEOUT_MS ?? defaultTimeoutMs),
    });
    console.log(`[host] pseudo-locale run: exit code ${exitCode}, wall time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return exitCode;
  } finally {
    unregisterCleanup();
    await removeDirs([dir]);
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: Error) => {
    console.error(`[host] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
