import * as path from 'node:path';
import { repoRoot } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';

const packagingTimeoutMs = 3 * 60_000;

/**
 * Packages the extension like a release (`vsce package`, which first runs the manifest's
 * `vscode:prepublish` = the production esbuild) into `<outDir>/scrapehub-messages.vsix`.
 */
export async function packageExtensionVsix(outDir: string): Promise<string> {
  const vsix = path.join(outDir, 'scrapehub-messages.vsix');
  // stdin ignored: a vsce question (e.g. about a missing field) is answered "no" instead of hanging.
  // Relative README links (screenshots) stay relative: the repository has no public URL to
  // rewrite them to, and vsce refuses to package without one otherwise.
  const child = spawnInOwnProcessGroup(
    'npx',
    ['--no', 'vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exitCode = await waitForExitOrStopGroup(child, packagingTimeoutMs, 'vsce package');
  if (exitCode !== 0) throw new Error(`vsce package failed with exit code ${exitCode}; see its output above`);
  return vsix;
}
