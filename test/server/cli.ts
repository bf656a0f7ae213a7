/**
 * Runs the local ScrapeHub test server for demos and manual testing:
 *   node out/test/server/cli.js [--port 8787] [--host 127.0.0.1] [--seed demo|empty|bench]
 *                               [--messages N --scrapers M] [--strict]
 */
import { parseArgs } from 'node:util';
import { startScrapeHubServer, type ScrapeHubServerOptions, type ServerUser } from './scrapeHubServer';

const USAGE =
  'Usage: node out/test/server/cli.js [--port 8787] [--host 127.0.0.1] [--seed demo|empty|bench] ' +
  '[--messages N --scrapers M] [--strict]';
const DEFAULT_BENCH = { messages: 10_000, scrapers: 50 };
const LISTED_ASSIGNMENTS = 5;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const server = await startScrapeHubServer(options);
  console.log(`ScrapeHub test server listening on ${server.baseUrl}`);
  for (const user of server.users) {
    console.log(`  ${describeUser(user)}`);
  }
  console.log(`  ${server.messages.length} messages seeded${options.strict ? ', strict mode' : ''}; Ctrl+C stops`);
  const stop = () => {
    void server.close().then(() => console.log('ScrapeHub test server stopped'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parseOptions(args: string[]): ScrapeHubServerOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      messages: { type: 'string' },
      scrapers: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  // Giving a size without --seed clearly asks for generated data.
  const seedName = values.seed ?? ((values.messages ?? values.scrapers) !== undefined ? 'bench' : 'demo');
  return {
    host: values.host,
    port: count('--port', values.port),
    strict: values.strict,
    seed: seedOf(seedName, values.messages, values.scrapers),
  };
}

function seedOf(name: string, messages?: string, scrapers?: string): ScrapeHubServerOptions['seed'] {
  if (name === 'demo' || name === 'empty') {
    return name;
  }
  if (name !== 'bench') {
    throw new Error(`Unknown seed '${name}': use demo, empty or bench`);
  }
  return {
    messages: messages === undefined ? DEFAULT_BENCH.messages : count('--messages', messages),
    scrapers: scrapers === undefined ? DEFAULT_BENCH.scrapers : count('--scrapers', scrapers),
  };
}

function count(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new Error(`${flag} needs a whole number, got '${value}'`);
  }
  return Number(value);
}

function describeUser(user: ServerUser): string {
  const scrapers = user.scraperAssignments;
  const listed = scrapers.slice(0, LISTED_ASSIGNMENTS).join(', ');
  const more = scrapers.length > LISTED_ASSIGNMENTS ? `, … (${scrapers.length} in all)` : '';
  const name = user.fullname ? `${user.username} (${user.fullname})` : user.username;
  return `${user.apiKey.padEnd(14)} ${name}, roles: ${user.roles.join(', ')}; scrapers: ${listed}${more}`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(USAGE);
  process.exitCode = 2;
});
