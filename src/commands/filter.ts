/** "Filter…" and "Clear Filter" for the Messages view. */
import * as vscode from 'vscode';
import { parseFilter } from '../model/messageFilter';
import { BACK } from '../ui/prompts';
import type { CommandContext } from './commandContext';

export async function filterMessages(context: CommandContext): Promise<void> {
  const answer = await context.prompts.input({
    title: vscode.l10n.t('Filter ScrapeHub Messages'),
    prompt: vscode.l10n.t(
      'Words to look for in text, type, scraper or id. type:KILL_REQUEST and scraper:NAME match one field. Empty clears the filter.',
    ),
    placeholder: vscode.l10n.t('e.g. type:kill scraper:acme maintenance'),
    value: context.view.provider.filter?.query ?? '',
  });
  if (answer === undefined || answer === BACK) {
    return;
  }
  context.view.setFilter(parseFilter(answer));
}

export function clearFilter(context: CommandContext): void {
  context.view.setFilter(undefined);
}
