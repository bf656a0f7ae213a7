/**
 * Which scrapers the user may message, from their userSettings: the contract says a user
 * must be assigned to the scraper or have the admin role. Only a hint for the send form;
 * the server decides, so nothing is blocked on it.
 */
import type { UserSettings } from '../api/types';

export type ScraperAccess =
  /** userSettings not (yet) known: offer what we know, warn about nothing. */
  { kind: 'unknown' } | { kind: 'admin' } | { kind: 'assigned'; scrapers: ReadonlySet<string> };

/** Role names are server-defined; the service calls the privileged one "admin". */
export function isAdmin(user: UserSettings): boolean {
  return user.roles.some((role) => role.trim().toLowerCase() === 'admin');
}

export function scraperAccess(user: UserSettings | undefined): ScraperAccess {
  if (!user) {
    return { kind: 'unknown' };
  }
  return isAdmin(user) ? { kind: 'admin' } : { kind: 'assigned', scrapers: new Set(user.scraperAssignments ?? []) };
}

/** False only when we know the user is neither an admin nor assigned to `scraperName`. */
export function mayMessage(access: ScraperAccess, scraperName: string): boolean {
  return access.kind !== 'assigned' || access.scrapers.has(scraperName);
}

/**
 * The scrapers to list in the send form, sorted: for a user with assignments only those
 * (other names can still be typed); for an admin or when unknown, every scraper we know of.
 */
export function scraperChoices(access: ScraperAccess, knownScrapers: Iterable<string>): string[] {
  const names = access.kind === 'assigned' ? new Set(access.scrapers) : new Set(knownScrapers);
  return [...names].sort((a, b) => a.localeCompare(b));
}
