/** For commands that need a configured server: its client, or an error that offers the fix. */
import * as vscode from 'vscode';
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
  const why =
    setting.kind === 'invalid'
      ? vscode.l10n.t('The server URL setting is not usable: {0}', setting.problem)
      : vscode.l10n.t('No ScrapeHub server is configured.');
  throw new ScrapeHubError('notConfigured', vscode.l10n.t('{0} Run "ScrapeHub: Configure Server…" first.', why), { code: NO_SERVER });
}
