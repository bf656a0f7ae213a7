/**
 * Runner loaded by the VS Code extension host (the desktop contract: export `run()`,
 * resolve on success, reject on failure). Host-agnostic: the same file runs under the
 * offline code-server host and under @vscode/test-electron.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', forbidOnly: true });
  const grep = process.env.SCRAPEHUB_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  // SCRAPEHUB_TEST_FILES (a regular expression on file names) runs a share of the suite, so two hosts can split it.
  const files = new RegExp(process.env.SCRAPEHUB_TEST_FILES ?? '');
  const folder = __dirname;
  for (const file of fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.test.js') && files.test(name))
    .sort()) {
    mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const total = mocha.suite.total();
      console.log(`integration: ${total - failures} passed, ${failures} failed`);
      if (failures > 0) {
        reject(new Error(`${failures} integration test(s) failed`));
      } else {
        resolve();
      }
    });
  });
}
