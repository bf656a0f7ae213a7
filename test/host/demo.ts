import { startScrapeHubServer, type RunningScrapeHubServer } from '../server/scrapeHubServer';
import { findExecutableOnPath, launchDesktopVsCode, startDemoCodeServer, type DemoUi } from './demoUi';
import { preferredPortOrEphemeral } from './ports';
import { handleShutdownSignals, isShuttingDown, registerCleanup, shutDownAndExit } from './shutdown';

/**
 * `npm run demo`: the local ScrapeHub test server with demo data, plus a VS Code that
 * already points at it — desktop VS Code when `code` is on PATH, otherwise code-server
 * (VS Code in the browser) with the packaged extension. Runs until Ctrl+C.
 */

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

function printHowToUse(ui: DemoUi, server: RunningScrapeHubServer): void {
  const [firstUser, ...otherUsers] = server.users;
  const describe = (user: RunningScrapeHubServer['users'][number]): string =>
    `${user.apiKey}  (user ${user.username}, ${user.roles.join('+')}, scrapers: ${user.scraperAssignments.join(', ')})`;
  console.log(
    [
      '',
      'ScrapeHub demo is running.',
      `  Open:          ${ui.whereToLook}`,
      `  ScrapeHub API: ${server.baseUrl}  (already set as scrapehub.serverUrl)`,
      '  In VS Code, open the ScrapeHub view in the activity bar and choose "Set API Key", then paste:',
      ...(firstUser ? [`    ${describe(firstUser)}`] : []),
      '  Other keys to try:',
      ...otherUsers.map((user) => `    ${describe(user)}`),
      '',
      'Ctrl+C to stop.',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  // Ctrl+C is how a demo ends: stop everything and exit 0.
  handleShutdownSignals(0);
  const server = await startScrapeHubServer({
    port: await preferredPortOrEphemeral(portFromEnv('SCRAPEHUB_DEMO_PORT', 8787)),
    seed: 'demo',
  });
  registerCleanup(() => server.close());
  const settings = { 'scrapehub.serverUrl': server.baseUrl };
  const code = findExecutableOnPath('code');
  const ui = code
    ? await launchDesktopVsCode(code, settings)
    : await startDemoCodeServer(settings, portFromEnv('SCRAPEHUB_DEMO_UI_PORT', 8080));
  printHowToUse(ui, server);
  const whatHappened = await ui.closed;
  if (isShuttingDown()) return; // we stopped it ourselves (Ctrl+C)
  console.log(`[demo] ${whatHappened}; stopping.`);
  await shutDownAndExit(0);
}

main().catch(async (error: Error) => {
  console.error(`[demo] ${error.stack ?? error.message}`);
  await shutDownAndExit(1);
});
