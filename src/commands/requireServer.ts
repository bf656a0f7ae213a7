/** For commands that need a configured server: its client, or an error that offers the fix. */
import { ScrapeHubError } from '../api/errors';
import type { ActiveServer } from '../state/serverConnection';
import type { CommandContext } from './commandContext';
import { NO_SERVER } from './errorReporting';

export function requireServer(context: CommandContext): ActiveServer {
  const active = context.connection.active;
  if (active) {
    return active;
  }
  const setting = context.settings.server();
  const why = setting.kind === 'invalid' ? `The server URL setting is not usable: ${setting.problem}` : 'No ScrapeHub server is configured.';
  throw new ScrapeHubError('notConfigured', `${why} Run "ScrapeHub: Configure Server…" first.`, { code: NO_SERVER });
}
