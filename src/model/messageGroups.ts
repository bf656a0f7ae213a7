/**
 * Turns the flat list from getMessages into what the tree shows: one group per scraper,
 * sorted by name, each group's messages newest first, expired ones gone. Pure and fast:
 * it runs on every refresh, for tens of thousands of messages.
 */
import type { ScraperMessage } from '../api/types';
import { EarliestInstant, instantOf, isCanonicalUtc, orderingKeyOf } from './timestamps';

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

/**
 * The instant a timestamp names, or undefined when it is absent, unreadable or has no
 * offset: a time in an unknown zone is never turned into an instant (see timestamps.ts).
 */
export function parseTimestamp(iso: string | undefined): number | undefined {
  return instantOf(iso);
}

/**
 * Orders two optional timestamps, earlier first; canonical UTC text compares as text. A
 * time without offset orders as if UTC. `missing` is where an absent or unreadable one
 * goes: -Infinity (first) or +Infinity (last).
 */
export function compareTimestamps(a: string | undefined, b: string | undefined, missing: number): number {
  if (a !== undefined && b !== undefined && isCanonicalUtc(a) && isCanonicalUtc(b)) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ta = orderingKeyOf(a) ?? missing;
  const tb = orderingKeyOf(b) ?? missing;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/**
 * Only an expiry that names an instant at or before `now` hides a message here: one that
 * is absent, unreadable or without offset never does (the server's answer decides).
 * `nowIso`: `now` as toISOString text, when the caller has it already (it compares as text).
 */
export function isExpired(message: ScraperMessage, now: number, nowIso = new Date(now).toISOString()): boolean {
  const expiresAt = message.expiresAt;
  if (expiresAt === undefined || (isCanonicalUtc(expiresAt) && expiresAt > nowIso)) {
    return false;
  }
  const at = instantOf(expiresAt);
  return at !== undefined && at <= now;
}

const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareScraperNames(a: string, b: string): number {
  return nameCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Newest first; unparsable dates last; ties broken by id so the order is stable. */
export function compareNewestFirst(a: ScraperMessage, b: ScraperMessage): number {
  return compareTimestamps(b.createdAt, a.createdAt, Number.NEGATIVE_INFINITY) || compareIds(a, b);
}

/** Ties broken by id, so the order is stable. */
function compareIds(a: ScraperMessage, b: ScraperMessage): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Grouping {
  groups: ScraperGroup[];
  /** When the first shown message expires (undefined: none does), to drop it on time. */
  nextExpiry: number | undefined;
}

/**
 * One pass over the messages: expiry and order come from compareTimestamps, which compares
 * the usual UTC text without parsing it (Date.parse was most of the time spent here).
 */
export function groupMessagesAndExpiry(messages: readonly ScraperMessage[], assignments: readonly string[], now: number): Grouping {
  const byName = new Map<string, ScraperGroup>();
  for (const name of new Set(assignments)) {
    byName.set(name, { name, messages: [], assigned: true });
  }
  const nowIso = new Date(now).toISOString();
  const expiries = new EarliestInstant();
  for (const message of messages) {
    if (isExpired(message, now, nowIso)) {
      continue;
    }
    expiries.add(message.expiresAt);
    let group = byName.get(message.scraperName);
    if (!group) {
      group = { name: message.scraperName, messages: [], assigned: false };
      byName.set(message.scraperName, group);
    }
    group.messages.push(message);
  }
  const groups = [...byName.values()];
  for (const group of groups) {
    sortNewestFirst(group.messages);
  }
  return { groups: groups.sort((a, b) => compareScraperNames(a.name, b.name)), nextExpiry: expiries.earliest() };
}

/** compareNewestFirst; when some date needs parsing, each is parsed once, not once per comparison. */
function sortNewestFirst(messages: ScraperMessage[]): void {
  if (messages.length < 2) {
    return;
  }
  if (messages.every((message) => isCanonicalUtc(message.createdAt))) {
    messages.sort(compareNewestFirst);
    return;
  }
  const keyed = messages.map((message) => ({ message, time: orderingKeyOf(message.createdAt) ?? Number.NEGATIVE_INFINITY }));
  keyed.sort((a, b) => (a.time !== b.time ? b.time - a.time : compareIds(a.message, b.message)));
  for (let i = 0; i < keyed.length; i++) {
    messages[i] = keyed[i].message;
  }
}

export function countMessages(groups: readonly MessageGroup[]): number {
  return groups.reduce((total, group) => total + group.messages.length, 0);
}
