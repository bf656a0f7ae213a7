/** "Filter…" and "Clear Filter" for the Messages view. */
import { parseFilter } from '../model/messageFilter';
import { BACK } from '../ui/prompts';
import type { CommandContext } from './commandContext';

export async function filterMessages(context: CommandContext): Promise<void> {
  const answer = await context.prompts.input({
    title: 'Filter ScrapeHub Messages',
    prompt: 'Words to look for in text, type, scraper or id. type:KILL_REQUEST and scraper:NAME match one field. Empty clears the filter.',
    placeholder: 'e.g. type:kill scraper:acme maintenance',
    value: context.view.provider.filter?.query ?? '',
  });
  if (answer === undefined || answer === BACK) {
    return;
  }
  context.view.setFilter(parseFilter(answer));
}

export async function clearFilter(context: CommandContext): Promise<void> {
  context.view.setFilter(undefined);
}
