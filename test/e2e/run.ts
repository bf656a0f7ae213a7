/**
 * `npm run test:e2e`: the end-to-end suite (out/test/e2e/*.e2e.js) in plain Node mocha.
 * It drives a real VS Code workbench through playwright-core, with the packaged VSIX
 * installed. SCRAPEHUB_TEST_HOST chooses which VS Code, as for the integration suite
 * (unset: code-server where it can be provisioned, else electron; see ../host/chooseHost.ts):
 * `code-server` (offline): the web workbench in headless Chromium;
 * `electron`: desktop VS Code downloaded by @vscode/test-electron (SCRAPEHUB_VSCODE_VERSION,
 * else the engines.vscode minimum), which needs the download and, on Linux, a display
 * (`xvfb-run -a` on a headless machine). See session.ts.
 *
 * SCRAPEHUB_E2E_GREP=<pattern> runs only matching scenarios;
 * SCRAPEHUB_E2E_UPDATE_SCREENSHOTS=1 writes the README screenshots to media/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { chooseHost } from '../host/chooseHost';
import { repoRoot } from '../host/hostPaths';
import { handleShutdownSignals, shutDownAndExit } from '../host/shutdown';
import { HostUnavailableError } from '../host/vsCodeDesktop';

async function main(): Promise<void> {
  const folder = __dirname;
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.e2e.js'))
    .sort();
  if (files.length === 0) {
    console.error(`[e2e] no *.e2e.js files in ${path.relative(repoRoot, folder)} (run \`npm run compile-tests\`)`);
    process.exit(2);
  }

  handleShutdownSignals();
  // A first install or download takes minutes; it must not count against the suite's hook
  // timeouts. When no host can run, this fails at once saying what each one lacks.
  const host = await chooseHost('e2e');
  console.log(`[e2e] host: ${host === 'electron' ? 'desktop VS Code (electron)' : 'code-server + headless Chromium'}`);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Generous: another suite may be running on this 2-core machine at the same time.
    timeout: 3 * 60_000,
    slow: 20_000,
    forbidOnly: true,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  const grep = process.env.SCRAPEHUB_E2E_GREP;
  if (grep) mocha.grep(grep);
  files.forEach((file) => mocha.addFile(path.join(folder, file)));

  const startedAt = Date.now();
  mocha.run((failures) => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(`[e2e] ${failures === 0 ? 'passed' : `${failures} failed`}, wall time ${seconds} s`);
    // Cleanups left registered (only if a hook failed half-way) stop the host (code-server and Chromium, or VS Code).
    void shutDownAndExit(failures === 0 ? 0 : 1);
  });
}

main().catch(async (error: Error) => {
  // "No download, no display" explains itself: no stack for it.
  console.error(`[e2e] ${error instanceof HostUnavailableError ? error.message : (error.stack ?? error.message)}`);
  await shutDownAndExit(1);
});
