/**
 * `npm run test:e2e`: the end-to-end suite (out/test/e2e/*.e2e.js) in plain Node mocha.
 * It drives VS Code's web workbench (code-server) in headless Chromium through
 * playwright-core, with the packaged VSIX installed, so it always uses the code-server
 * host, whatever SCRAPEHUB_TEST_HOST says (that variable chooses the integration suite's
 * host): Playwright drives a browser page; the desktop Electron build would need
 * Playwright's experimental Electron support and a VS Code download.
 *
 * SCRAPEHUB_E2E_GREP=<pattern> runs only matching scenarios;
 * SCRAPEHUB_E2E_UPDATE_SCREENSHOTS=1 writes the README screenshots to media/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from '../host/hostPaths';
import { ensureCodeServerProvisioned } from '../host/provisionHost';
import { handleShutdownSignals, shutDownAndExit } from '../host/shutdown';

async function main(): Promise<void> {
  const host = process.env.SCRAPEHUB_TEST_HOST;
  if (host && host !== 'code-server') {
    console.log(`[e2e] SCRAPEHUB_TEST_HOST=${host} applies to the integration suite; the e2e suite drives the browser workbench (code-server).`);
  }
  const folder = __dirname;
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.e2e.js')).sort();
  if (files.length === 0) {
    console.error(`[e2e] no *.e2e.js files in ${path.relative(repoRoot, folder)} (run \`npm run compile-tests\`)`);
    process.exit(2);
  }

  handleShutdownSignals();
  // A first install takes minutes; it must not count against the suite's hook timeouts.
  await ensureCodeServerProvisioned();
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
    // Cleanups left registered (only if a hook failed half-way) stop code-server and Chromium.
    void shutDownAndExit(failures === 0 ? 0 : 1);
  });
}

main().catch(async (error: Error) => {
  console.error(`[e2e] ${error.stack ?? error.message}`);
  await shutDownAndExit(1);
});
