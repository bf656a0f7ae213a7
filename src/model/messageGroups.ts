/**
 * Turns the flat list from getMessages into what the tree shows: one group per scraper,
 * sorted by name, each group's messages newest first, expired ones gone. Pure and fast:
 * it runs on every refresh, for tens of thousands of messages.
 */
import type { ScraperMessage } from '../api/types';

/** A named list of pending messages: one scraper's, or (grouped by type) one message type's. */
export interface MessageGroup {
  name: string;
  /** Pending messages, newest first unless the view sorts them otherwise. */
  messages: ScraperMessage[];
}

export interface ScraperGroup extends MessageGroup {
  /** The user is assigned to this scraper (from userSettings). */
  assigned: boolean;
}

/** Milliseconds since the epoch, or undefined when the server sent an unparsable date. */
export function parseTimestamp(iso: string | undefined): number | undefined {
  if (iso === undefined) {
    return undefined;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isExpired(message: ScraperMessage, now: number): boolean {
  const expires = parseTimestamp(message.expiresAt);
  return expires !== undefined && expires <= now;
}

const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareScraperNames(a: string, b: string): number {
  return nameCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Newest first; unparsable dates last; ties broken by id so the order is stable. */
export function compareNewestFirst(a: ScraperMessage, b: ScraperMessage): number {
  const ta = parseTimestamp(a.createdAt) ?? Number.NEGATIVE_INFINITY;
  const tb = parseTimestamp(b.createdAt) ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) {
    return tb - ta;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function groupMessages(
  messages: readonly ScraperMessage[],
  assignments: readonly string[],
  now: number,
): ScraperGroup[] {
  const byName = new Map<string, ScraperGroup>();
  const assigned = new Set(assignments);
  for (const name of assigned) {
    byName.set(name, { name, messages: [], assigned: true });
  }
  for (const message of messages) {
    if (isExpired(message, now)) {
      continue;
    }
    let group = byName.get(message.scraperName);
    if (!group) {
      group = { name: message.scraperName, messages: [], assigned: false };
      byName.set(message.scraperName, group);
    }
    group.messages.push(message);
  }
  const groups = [...byName.values()];
  for (const group of groups) {
    group.messages.sort(compareNewestFirst);
  }
  return groups.sort((a, b) => compareScraperNames(a.name, b.name));
}

/** When the next shown message expires, so the view can drop it on time without a refresh. */
export function nextExpiry(messages: Iterable<ScraperMessage>, now: number): number | undefined {
  let next: number | undefined;
  for (const message of messages) {
    const expires = parseTimestamp(message.expiresAt);
    if (expires !== undefined && expires > now && (next === undefined || expires < next)) {
      next = expires;
    }
  }
  return next;
}

export function countMessages(groups: readonly MessageGroup[]): number {
  return groups.reduce((total, group) => total + group.messages.length, 0);
}
