/** "Show Connection Info": who the key belongs to, their roles and scrapers, the server's API version. */
import * as vscode from 'vscode';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { requireServer } from './requireServer';

export async function showConnectionInfo(context: CommandContext): Promise<void> {
  const server = requireServer(context);
  const [version, user] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'ScrapeHub: reading connection info' },
    () => Promise.all([server.client.getVersion(), server.client.getUserSettings()]),
  );
  const name = user.fullname ? `${untrustedText(user.fullname, 80)} (${untrustedText(user.username, 80)})` : untrustedText(user.username, 80);
  const scrapers = user.scraperAssignments?.length ? user.scraperAssignments.map((scraper) => untrustedText(scraper, 100)).join(', ') : 'none';
  await context.prompts.inform({
    message: `Connected to ${server.address.origin} as ${name}`,
    detail: [
      `API: ${server.address.baseUrl}`,
      `Server API version: ${untrustedText(version, 40)}`,
      `User: ${name}, ${untrustedText(user.email, 120)}`,
      `Roles: ${user.roles.map((role) => untrustedText(role, 40)).join(', ') || 'none'}`,
      `Assigned scrapers: ${scrapers}`,
    ].join('\n'),
  });
}
