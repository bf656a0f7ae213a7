import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from './hostPaths';
import { registerCleanup } from './shutdown';

/** Flags for an offline, headless, container-friendly Chromium (see /work/shared/vscode-offline-host.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches the system Chromium (Debian's /usr/bin/chromium; `playwright install` cannot
 * download browsers here) and opens one page in a fresh profile.
 */
export async function launchChromium(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    timeout: 60_000,
    // Playwright's own handlers would exit the process before our cleanups stop code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browser.on(
    'disconnected',
    registerCleanup(() => browser.close()),
  );
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
