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

/**
 * "2026-11-29T12:00:00.000Z", the form toISOString writes and servers nearly always send.
 * Two such strings compare as text exactly as their instants compare, so sorting and
 * expiry checks need no Date.parse for them — which was most of the time spent grouping a
 * large answer. Any other form (offsets, no milliseconds) is parsed.
 */
function isCanonicalUtc(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(19) === 46 /* . */;
}

/**
 * Orders two optional timestamps, earlier first. `missing` is where an absent or
 * unreadable one goes: -Infinity (first) or +Infinity (last).
 */
export function compareTimestamps(a: string | undefined, b: string | undefined, missing: number): number {
  if (a !== undefined && b !== undefined && isCanonicalUtc(a) && isCanonicalUtc(b)) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ta = parseTimestamp(a) ?? missing;
  const tb = parseTimestamp(b) ?? missing;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** `nowIso`: `now` as toISOString text, when the caller has it already (it compares as text). */
export function isExpired(message: ScraperMessage, now: number, nowIso = new Date(now).toISOString()): boolean {
  // An absent or unreadable expiry sorts as +Infinity: such a message never expires.
  return message.expiresAt !== undefined && compareTimestamps(message.expiresAt, nowIso, Number.POSITIVE_INFINITY) <= 0;
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

export function groupMessages(messages: readonly ScraperMessage[], assignments: readonly string[], now: number): ScraperGroup[] {
  return groupMessagesAndExpiry(messages, assignments, now).groups;
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
  /** The earliest expiry still to come, kept as text: parsed once, at the end. */
  let nextExpiresAt: string | undefined;
  for (const message of messages) {
    if (isExpired(message, now, nowIso)) {
      continue;
    }
    const expiresAt = message.expiresAt;
    if (expiresAt !== undefined && (nextExpiresAt === undefined || compareTimestamps(expiresAt, nextExpiresAt, Number.POSITIVE_INFINITY) < 0)) {
      nextExpiresAt = expiresAt;
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
    sortNewestFirst(group.messages);
  }
  return { groups: groups.sort((a, b) => compareScraperNames(a.name, b.name)), nextExpiry: parseTimestamp(nextExpiresAt) };
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
  const keyed = messages.map((message) => ({ message, time: parseTimestamp(message.createdAt) ?? Number.NEGATIVE_INFINITY }));
  keyed.sort((a, b) => (a.time !== b.time ? b.time - a.time : compareIds(a.message, b.message)));
  for (let i = 0; i < keyed.length; i++) {
    messages[i] = keyed[i].message;
  }
}

export function countMessages(groups: readonly MessageGroup[]): number {
  return groups.reduce((total, group) => total + group.messages.length, 0);
}
