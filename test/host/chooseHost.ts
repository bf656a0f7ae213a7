import { spawnSync } from 'node:child_process';
import { ensureCodeServerProvisioned, isCodeServerProvisioned } from './provisionHost';
import { HostUnavailableError, ensureVsCodeDesktopDownloaded } from './vsCodeDesktop';

/**
 * Which VS Code the integration and e2e suites run in. SCRAPEHUB_TEST_HOST chooses; unset,
 * code-server when it is provisioned or can be (Linux x64 with Debian packages: our offline
 * machines), else desktop VS Code from @vscode/test-electron (macOS, Windows, other Linux
 * desktops: wherever VS Code can be downloaded). When neither works, the error says what
 * each one lacks.
 */
export type HostName = 'code-server' | 'electron';

/** What the suite needs from Electron's window: the e2e suite drives it, so it needs a real display. */
export type HostPurpose = 'integration' | 'e2e';

const hasDisplay = (): boolean => process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
export const hasXvfbRun = (): boolean => spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined;

/** Why desktop VS Code cannot run here, or undefined once it is downloaded and can be shown. */
async function electronProblem(purpose: HostPurpose): Promise<string | undefined> {
  if (!hasDisplay() && (purpose === 'e2e' || !hasXvfbRun())) {
    return purpose === 'e2e'
      ? 'it needs a display and DISPLAY is not set: run under `xvfb-run -a`'
      : 'it needs a display: DISPLAY is not set and xvfb-run (Debian package xvfb) is not installed';
  }
  try {
    await ensureVsCodeDesktopDownloaded();
    return undefined;
  } catch (error) {
    // The first line says what failed; the rest is advice for SCRAPEHUB_TEST_HOST=electron alone.
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
}

/** Why code-server cannot run here, or undefined once it is provisioned. */
async function codeServerProblem(): Promise<string | undefined> {
  if (isCodeServerProvisioned()) return undefined;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `it is provisioned only on Linux x64 (this is ${process.platform} ${process.arch})`;
  }
  try {
    await ensureCodeServerProvisioned();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Picks the host, provisions or downloads it, and sets SCRAPEHUB_TEST_HOST to the choice so
 * the code that starts it later agrees. Throws HostUnavailableError naming what is missing.
 */
export async function chooseHost(purpose: HostPurpose): Promise<HostName> {
  const requested = process.env.SCRAPEHUB_TEST_HOST;
  if (requested !== undefined && requested !== 'code-server' && requested !== 'electron') {
    throw new HostUnavailableError(`SCRAPEHUB_TEST_HOST must be code-server or electron (or unset, to pick one); got "${requested}"`);
  }
  const tryHost = (name: HostName) => (name === 'code-server' ? codeServerProblem() : electronProblem(purpose));
  if (requested) {
    const problem = await tryHost(requested);
    if (problem) throw new HostUnavailableError(`SCRAPEHUB_TEST_HOST=${requested}, but ${problem}`);
    return requested;
  }
  const problems: string[] = [];
  for (const name of ['code-server', 'electron'] as const) {
    const problem = await tryHost(name);
    if (!problem) {
      process.env.SCRAPEHUB_TEST_HOST = name;
      return name;
    }
    console.warn(`[host] ${name} cannot run here: ${problem}`);
    problems.push(`  ${name}: ${problem}`);
  }
  throw new HostUnavailableError(
    [
      'No VS Code to run the tests in:',
      ...problems,
      'Either provision code-server (Linux x64: scripts/provision-vscode-host.sh, as root or with chromium and libkrb5-dev installed),',
      'or allow the download of desktop VS Code from https://update.code.visualstudio.com (cached in $SCRAPEHUB_HOST_CACHE).',
    ].join('\n'),
  );
}
