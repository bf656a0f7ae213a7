import * as fs from 'node:fs';
import { codeServerEntry, codeServerVersion, hostCacheDir, node24Binary, provisionScript, provisionedStamp } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';

/** A first install downloads ~620 MB and compiles native modules; later runs are instant. */
const provisionTimeoutMs = 20 * 60_000;

/** Node 24 and code-server are installed in the host cache, completely. */
export function isCodeServerProvisioned(): boolean {
  return [provisionedStamp, node24Binary, codeServerEntry].every((file) => fs.existsSync(file));
}

/**
 * Makes sure Node 24 + code-server are installed in the host cache, running
 * scripts/provision-vscode-host.sh when they are not. The script serialises concurrent
 * callers itself (flock), so two test runs starting at once do not install twice.
 */
export async function ensureCodeServerProvisioned(): Promise<void> {
  if (isCodeServerProvisioned()) return;
  console.log(`[host] provisioning code-server ${codeServerVersion} into ${hostCacheDir} (first run takes a few minutes)`);
  const child = spawnInOwnProcessGroup('bash', [provisionScript], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SCRAPEHUB_HOST_CACHE: hostCacheDir, CODE_SERVER_VERSION: codeServerVersion },
  });
  const exitCode = await waitForExitOrStopGroup(child, provisionTimeoutMs, 'provisioning code-server');
  if (exitCode !== 0 || !isCodeServerProvisioned()) {
    throw new Error(`${provisionScript} failed (exit code ${exitCode}); see its output above`);
  }
}
