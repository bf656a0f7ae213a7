import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Checks on the production bundles that `npm test` builds first (pretest).
 * - The shipped code must reach the network only through VS Code's global fetch, which
 *   honours the user's proxy settings and system certificates.
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
  let extension: string;

  before(() => {
    extension = readBundle('extension.js');
  });

  // crypto: a digest of each large answer, so one that did not change is not parsed again.
  // http, https, stream, zlib: the transport (src/api/nodeFetch.ts), through the modules VS
  // Code patches for proxies and system certificates; no agent or HTTP stack of our own.
  it('the extension requires no module but vscode, crypto, http, https, path, stream, v8, worker_threads and zlib (no fetch polyfill)', () => {
    assert.deepEqual(requiredModules(extension), [
      'node:crypto',
      'node:http',
      'node:https',
      'node:path',
      'node:stream',
      'node:v8',
      'node:worker_threads',
      'node:zlib',
      'vscode',
    ]);
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
      assert.ok(!extension.includes(forbidden), `the bundle contains ${forbidden}`);
    }
  });

  it('sends requests without following redirects', () => {
    assert.match(extension, /redirect:\s*"manual"/);
  });
});
