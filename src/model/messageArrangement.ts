/**
 * How the Messages tree arranges pending messages: grouped by scraper (the store's own
 * grouping) or by message type, each group sorted newest first or soonest-expiring first.
 * Pure and cheap, so a change of setting re-renders the tree from the data already held,
 * without asking the server again.
 */
import { KNOWN_MESSAGE_TYPES, type ScraperMessage } from '../api/types';
import { compareNewestFirst, compareTimestamps, type MessageGroup, type ScraperGroup } from './messageGroups';

export type GroupBy = 'scraper' | 'messageType';
export type SortBy = 'created' | 'expiry';

export interface Arrangement {
  groupBy: GroupBy;
  sortBy: SortBy;
}

export const DEFAULT_ARRANGEMENT: Arrangement = { groupBy: 'scraper', sortBy: 'created' };
export const GROUP_BY_VALUES: readonly GroupBy[] = ['scraper', 'messageType'];
export const SORT_BY_VALUES: readonly SortBy[] = ['created', 'expiry'];

/** The known types first, most urgent (KILL_REQUEST) first; any type a newer server invents after them. */
const TYPE_ORDER: readonly string[] = KNOWN_MESSAGE_TYPES;

export type ArrangedGroups = { groupBy: 'scraper'; groups: ScraperGroup[] } | { groupBy: 'messageType'; groups: MessageGroup[] };

/**
 * Regroups and sorts the store's scraper groups. Groups (and their message arrays) that
 * need no change are returned as they are, so the tree's change detection stays cheap.
 */
export function arrangeGroups(scraperGroups: readonly ScraperGroup[], arrangement: Arrangement): ArrangedGroups {
  if (arrangement.groupBy === 'messageType') {
    return { groupBy: 'messageType', groups: groupByType(scraperGroups, arrangement.sortBy) };
  }
  if (arrangement.sortBy === 'created') {
    return { groupBy: 'scraper', groups: [...scraperGroups] }; // The store already sorts newest first.
  }
  return {
    groupBy: 'scraper',
    groups: scraperGroups.map((group) => ({ ...group, messages: [...group.messages].sort(compareSoonestExpiryFirst) })),
  };
}

function groupByType(scraperGroups: readonly ScraperGroup[], sortBy: SortBy): MessageGroup[] {
  const byType = new Map<string, ScraperMessage[]>();
  for (const group of scraperGroups) {
    for (const message of group.messages) {
      const list = byType.get(message.messageType);
      if (list) {
        list.push(message);
      } else {
        byType.set(message.messageType, [message]);
      }
    }
  }
  const compare = sortBy === 'expiry' ? compareSoonestExpiryFirst : compareNewestFirst;
  return [...byType.entries()]
    .map(([name, messages]) => ({ name, messages: messages.sort(compare) }))
    .sort((a, b) => compareTypes(a.name, b.name));
}

export function compareTypes(a: string, b: string): number {
  const rank = (type: string) => (TYPE_ORDER.includes(type) ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Soonest expiry first: what needs attention before it silently disappears. Messages that
 * never expire (or whose expiry is unreadable) come last; ties are newest first.
 */
export function compareSoonestExpiryFirst(a: ScraperMessage, b: ScraperMessage): number {
  return compareTimestamps(a.expiresAt, b.expiresAt, Number.POSITIVE_INFINITY) || compareNewestFirst(a, b);
}

/** A setting value as typed by the user, or the default when it is not one we know. */
export function readArrangement(groupBy: unknown, sortBy: unknown): Arrangement {
  return {
    groupBy: GROUP_BY_VALUES.includes(groupBy as GroupBy) ? (groupBy as GroupBy) : DEFAULT_ARRANGEMENT.groupBy,
    sortBy: SORT_BY_VALUES.includes(sortBy as SortBy) ? (sortBy as SortBy) : DEFAULT_ARRANGEMENT.sortBy,
  };
}
