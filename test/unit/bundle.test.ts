import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shipped bundle must reach the network only through VS Code's global fetch, which
 * honours the user's proxy settings and system certificates. Checked on the production
 * bundle that `npm test` builds first (pretest).
 */
describe('dist/extension.js', () => {
  const bundlePath = path.join(__dirname, '..', '..', '..', 'dist', 'extension.js');
  let bundle: string;

  before(() => {
    assert.ok(fs.existsSync(bundlePath), `${bundlePath} is missing: run "npm run package:bundle" (npm test does)`);
    bundle = fs.readFileSync(bundlePath, 'utf8');
  });

  it('requires no module but vscode (no private HTTP stack, no fetch polyfill)', () => {
    const required = new Set([...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]));
    assert.deepEqual([...required], ['vscode']);
  });

  it('never turns off TLS verification or builds its own agent', () => {
    for (const forbidden of ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'Agent(', 'node-fetch', 'setGlobalDispatcher']) {
      assert.ok(!bundle.includes(forbidden), `bundle contains ${forbidden}`);
    }
  });

  it('sends requests without following redirects', () => {
    assert.match(bundle, /redirect:\s*"manual"/);
  });
});
