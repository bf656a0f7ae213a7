/**
 * Short relative times for tree descriptions ("5 min ago", "expires in 2 h").
 * Pure so it can be unit-tested with a fixed clock.
 */
import * as l10n from '@vscode/l10n';
import { parseDateTime } from './timestamps';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "moments", "12 min", "30 h" (hours up to two days, as "24 h" reads better than "1 d"), "4 d". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) {
    return ms < 30_000 ? l10n.t('moments') : l10n.t('{0} min', 1);
  }
  if (ms < HOUR) {
    return l10n.t('{0} min', Math.round(ms / MINUTE));
  }
  if (ms < 2 * DAY) {
    return l10n.t('{0} h', Math.round(ms / HOUR));
  }
  return l10n.t('{0} d', Math.round(ms / DAY));
}

export function formatAge(createdAt: number | undefined, now: number): string {
  if (createdAt === undefined) {
    return l10n.t('unknown age');
  }
  const age = now - createdAt;
  if (age < 45_000) {
    // Includes small clock skew where the server's clock is ahead of ours.
    return l10n.t('just now');
  }
  return l10n.t('{0} ago', formatDuration(age));
}

export function formatExpiresIn(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  return left <= 0 ? l10n.t('expired') : l10n.t('expires in {0}', formatDuration(left));
}

/**
 * The age of a server timestamp: "5 min ago"; for a time without offset, which names no
 * instant we could count from, the time as the server wrote it; else "unknown age".
 */
export function formatAgeOf(iso: string | undefined, now: number): string {
  const parsed = iso === undefined ? undefined : parseDateTime(iso);
  return parsed && !parsed.zoned ? asWritten(iso!) : formatAge(parsed?.ms, now);
}

/**
 * A server expiry: "expires in 2 h" or "expired"; without offset, "expires" and the time
 * as written (the client never counts down to it, see timestamps.ts); undefined when it
 * cannot be read at all.
 */
export function formatExpiryOf(iso: string, now: number): string | undefined {
  const parsed = parseDateTime(iso);
  if (!parsed) {
    return undefined;
  }
  return parsed.zoned ? formatExpiresIn(parsed.ms, now) : l10n.t('expires {0}', asWritten(iso));
}

/** Only a valid ISO 8601 date-time comes here: digits, separators and `T`, nothing to escape. */
export function asWritten(iso: string): string {
  return l10n.t('{0} (time zone not given)', iso);
}

/** formatAgeOf for screen readers: "5 minutes old", "created <as written>", "age unknown". */
export function spokenAgeOf(iso: string | undefined, now: number): string {
  const parsed = iso === undefined ? undefined : parseDateTime(iso);
  if (!parsed) {
    return l10n.t('age unknown');
  }
  return parsed.zoned ? l10n.t('{0} old', spokenDuration(now - parsed.ms)) : l10n.t('created {0}', asWritten(iso!));
}

/**
 * formatExpiryOf for screen readers. Only an absent expiry "never expires": one without
 * offset is spoken as written, an unreadable one is said to be unreadable.
 */
export function spokenExpiryOf(iso: string | undefined, now: number): string {
  if (iso === undefined) {
    return l10n.t('never expires');
  }
  const parsed = parseDateTime(iso);
  if (!parsed) {
    return l10n.t('expiry unreadable');
  }
  if (!parsed.zoned) {
    return l10n.t('expires {0}', asWritten(iso));
  }
  return parsed.ms <= now ? l10n.t('expired') : l10n.t('expires in {0}', spokenDuration(parsed.ms - now));
}

/**
 * Durations in words, for screen readers: "5 minutes" is read as such, while "5 min" or
 * "3 h" may be spelled out letter by letter.
 */
export function spokenDuration(ms: number): string {
  if (ms < MINUTE) {
    return l10n.t('less than a minute');
  }
  if (ms < HOUR) {
    const minutes = Math.round(ms / MINUTE);
    return minutes === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', minutes);
  }
  if (ms < 2 * DAY) {
    const hours = Math.round(ms / HOUR);
    return hours === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', hours);
  }
  return l10n.t('{0} days', Math.round(ms / DAY));
}

/** A whole number of minutes without rounding ("1 h 30 min"): for durations the user chose. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return l10n.t('{0} min', rest);
  }
  return rest === 0 ? l10n.t('{0} h', hours) : l10n.t('{0} h {1} min', hours, rest);
}
