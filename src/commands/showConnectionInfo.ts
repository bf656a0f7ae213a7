/** "Show Connection Info": who the key belongs to, their roles and scrapers, the server's API version. */
import * as vscode from 'vscode';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { requireServer } from './requireServer';

export async function showConnectionInfo(context: CommandContext): Promise<void> {
  const server = requireServer(context);
  const [version, user] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('ScrapeHub: reading connection info') },
    () => Promise.all([server.client.getVersion(), server.client.getUserSettings()]),
  );
  const name = user.fullname
    ? vscode.l10n.t('{0} ({1})', untrustedText(user.fullname, 80), untrustedText(user.username, 80))
    : untrustedText(user.username, 80);
  const scrapers = user.scraperAssignments?.length
    ? user.scraperAssignments.map((scraper) => untrustedText(scraper, 100)).join(', ')
    : vscode.l10n.t('none');
  await context.prompts.inform({
    message: vscode.l10n.t('Connected to {0} as {1}', server.address.origin, name),
    detail: [
      vscode.l10n.t('API: {0}', server.address.baseUrl),
      vscode.l10n.t('Server API version: {0}', untrustedText(version, 40)),
      vscode.l10n.t('User: {0}, {1}', name, untrustedText(user.email, 120)),
      vscode.l10n.t('Roles: {0}', user.roles.map((role) => untrustedText(role, 40)).join(', ') || vscode.l10n.t('none')),
      vscode.l10n.t('Assigned scrapers: {0}', scrapers),
    ].join('\n'),
  });
}
