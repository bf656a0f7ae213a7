/**
 * The Messages view filter. Words separated by spaces must all match (case-insensitive):
 * `type:KILL_REQUEST` and `scraper:acme` match those fields; any other word is looked for
 * in the message text, type, scraper name and id. Pure, so it is unit-tested.
 */
import type { ScraperMessage } from '../api/types';
import type { ScraperGroup } from './messageGroups';

interface Term {
  field?: 'type' | 'scraper';
  value: string;
}

export interface MessageFilter {
  /** As the user typed it, for display. */
  readonly query: string;
  readonly terms: readonly Term[];
}

export function parseFilter(query: string): MessageFilter | undefined {
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word): Term => {
      const match = /^(type|scraper):(.*)$/i.exec(word);
      return match ? { field: match[1].toLowerCase() as Term['field'], value: match[2].toLowerCase() } : { value: word.toLowerCase() };
    })
    .filter((term) => term.value !== '');
  return terms.length > 0 ? { query: query.trim(), terms } : undefined;
}

export function matchesFilter(message: ScraperMessage, filter: MessageFilter): boolean {
  return filter.terms.every((term) => {
    if (term.field === 'type') return message.messageType.toLowerCase().includes(term.value);
    if (term.field === 'scraper') return message.scraperName.toLowerCase().includes(term.value);
    return [message.message ?? '', message.messageType, message.scraperName, message.id].some((field) =>
      field.toLowerCase().includes(term.value),
    );
  });
}

/** Groups with their matching messages only; scrapers with no match are left out. */
export function filterGroups(groups: readonly ScraperGroup[], filter: MessageFilter | undefined): ScraperGroup[] {
  if (!filter) {
    return [...groups];
  }
  return groups
    .map((group) => ({ ...group, messages: group.messages.filter((message) => matchesFilter(message, filter)) }))
    .filter((group) => group.messages.length > 0);
}
