import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Checks on the production bundles that `npm test` builds first (pretest).
 * - The shipped code must reach the network only through VS Code's global fetch, which
 *   honours the user's proxy settings and system certificates.
 * - The activation entry must stay an entry: if it ever pulled in the core (an import
 *   instead of the lazy require), activation would load everything again.
 */
const distDir = path.join(__dirname, '..', '..', '..', 'dist');

function readBundle(name: string): string {
  const file = path.join(distDir, name);
  assert.ok(fs.existsSync(file), `${file} is missing: run "npm run package:bundle" (npm test does)`);
  return fs.readFileSync(file, 'utf8');
}

function requiredModules(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]))].sort();
}

describe('production bundles', () => {
  let entry: string;
  let core: string;

  before(() => {
    entry = readBundle('extension.js');
    core = readBundle('core.js');
  });

  it('the entry requires only vscode and, lazily, the core', () => {
    assert.deepEqual(requiredModules(entry), ['./core.js', 'vscode']);
  });

  it('the entry contains no client, store or tree code', () => {
    for (const marker of ['x-api-key', 'getMessages', 'KILL_REQUEST', 'createStatusBarItem']) {
      assert.ok(!entry.includes(marker), `dist/extension.js contains "${marker}": core code leaked into the entry`);
    }
    assert.ok(core.includes('x-api-key'), 'the client is in dist/core.js');
  });

  it('the core requires no module but vscode, path, v8 and worker_threads (no private HTTP stack, no fetch polyfill)', () => {
    assert.deepEqual(requiredModules(core), ['node:path', 'node:v8', 'node:worker_threads', 'vscode']);
  });

  it('the parse worker needs only v8 and worker_threads: it gets bytes, never makes a request', () => {
    const worker = readBundle('parseWorker.js');
    assert.deepEqual(requiredModules(worker), ['node:v8', 'node:worker_threads']);
    for (const forbidden of ['fetch(', 'x-api-key']) {
      assert.ok(!worker.includes(forbidden), `dist/parseWorker.js contains ${forbidden}`);
    }
  });

  it('never turns off TLS verification or builds its own agent', () => {
    for (const forbidden of ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'Agent(', 'node-fetch', 'setGlobalDispatcher']) {
      assert.ok(!entry.includes(forbidden) && !core.includes(forbidden), `a bundle contains ${forbidden}`);
    }
  });

  it('sends requests without following redirects', () => {
    assert.match(core, /redirect:\s*"manual"/);
  });
});
