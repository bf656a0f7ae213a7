import * as path from 'node:path';
import { repoRoot } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';

const packagingTimeoutMs = 3 * 60_000;

/** `vsce package` of the extension in `folder` into `vsix`. */
async function vscePackage(folder: string, vsix: string, extraArgs: readonly string[]): Promise<string> {
  // stdin ignored: a vsce question (e.g. about a missing field) is answered "no" instead of hanging.
  const child = spawnInOwnProcessGroup('npx', ['--no', 'vsce', 'package', '--no-dependencies', ...extraArgs, '--out', vsix], {
    cwd: folder,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exitCode = await waitForExitOrStopGroup(child, packagingTimeoutMs, `vsce package in ${path.relative(repoRoot, folder) || '.'}`);
  if (exitCode !== 0) throw new Error(`vsce package failed with exit code ${exitCode}; see its output above`);
  return vsix;
}

/**
 * Packages the extension like a release (`vsce package`, which first runs the manifest's
 * `vscode:prepublish` = the production esbuild) into `<outDir>/scrapehub-messages.vsix`.
 */
export function packageExtensionVsix(outDir: string): Promise<string> {
  // Relative README links (screenshots) stay relative: the repository has no public URL to
  // rewrite them to, and vsce refuses to package without one otherwise.
  return vscePackage(repoRoot, path.join(outDir, 'scrapehub-messages.vsix'), ['--no-rewrite-relative-links']);
}

/**
 * Packages the e2e suite's driver extension (test/e2e/driver: plain JS, no build step) into
 * `<outDir>/scrapehub-e2e-driver.vsix`. It is a separate VSIX, so it never ships in ours.
 */
export function packageE2eDriverVsix(outDir: string): Promise<string> {
  return vscePackage(path.join(repoRoot, 'test', 'e2e', 'driver'), path.join(outDir, 'scrapehub-e2e-driver.vsix'), [
    '--allow-missing-repository',
    '--skip-license',
  ]);
}
