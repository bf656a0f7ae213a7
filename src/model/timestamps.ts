/**
 * ISO 8601 date-times as servers write them, read without guessing a time zone. Pure (no
 * vscode): expiry, sorting and age text all read timestamps through here.
 *
 * Accepted: extended (`2026-11-29T12:00:00`) and basic (`20261129T120000`) format, the
 * time to the hour, minute or second, fractional seconds after `.` or `,` (any number of
 * digits; read to the millisecond), and an offset `Z`, `±hh`, `±hhmm` or `±hh:mm` (a
 * Unicode minus too). `t`, `z` and a space instead of `T` are read as RFC 3339 allows.
 *
 * A time without an offset names a wall-clock time in a zone we are not told. It is never
 * read as an instant: `instantOf` gives undefined for it, so such an expiry never hides a
 * message on our clock (only the server's next answer removes it), and its time is shown
 * as the server wrote it. Only ordering reads it as if it were UTC (`orderingKeyOf`): a
 * wrong guess there can misplace a row, never hide one.
 */

/** Both parts, each group optional from the minute on: hh, hh:mm, hh:mm:ss, hh:mm:ss.fff. */
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?([Zz]|([+\-\u2212])(\d{2})(?::?(\d{2}))?)?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(?:(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?([Zz]|([+\-\u2212])(\d{2})(?::?(\d{2}))?)?$/;

const MINUTE_MS = 60_000;
/** 400 Gregorian years, exactly: Date.UTC reads years 0–99 as 1900–1999, so we shift by this. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

export interface DateTime {
  /** Milliseconds since the epoch: the instant when `zoned`, else the written time read as UTC. */
  ms: number;
  /** The text names its offset, so `ms` is the instant it means. */
  zoned: boolean;
}

/**
 * "2026-11-29T12:00:00.000Z", the form toISOString writes and servers nearly always send.
 * Two such strings compare as text as their instants do, so hot loops compare them without
 * parsing. The shape is all this checks: a caller that hides something on the strength of
 * such a comparison confirms it with instantOf.
 */
export function isCanonicalUtc(text: string): boolean {
  return (
    text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(19) === 46
  ); /* . */
}

/** The date-time the text writes, or undefined when it is not a valid ISO 8601 date-time. */
export function parseDateTime(text: string): DateTime | undefined {
  if (isCanonicalUtc(text)) {
    const ms = canonicalInstant(text);
    if (ms !== undefined) {
      return { ms, zoned: true };
    }
  }
  const parts = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (!parts) {
    return undefined;
  }
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  const hour = Number(parts[4]);
  const minute = parts[5] === undefined ? 0 : Number(parts[5]);
  const second = parts[6] === undefined ? 0 : Number(parts[6]);
  const fraction = parts[7] ?? '';
  const offsetMinutes = offsetInMinutes(parts[9], parts[10], parts[11]);
  if (!validDate(year, month, day) || !validTime(hour, minute, second, fraction) || offsetMinutes === undefined) {
    return undefined;
  }
  const millisecond = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const written = Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS;
  return { ms: written - offsetMinutes * MINUTE_MS, zoned: parts[8] !== undefined };
}

/** The instant the text names; undefined when it names no offset or is not an ISO 8601 date-time. */
export function instantOf(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const parsed = parseDateTime(text);
  return parsed?.zoned ? parsed.ms : undefined;
}

/** For ordering only: the instant, or for a time without offset the written time read as UTC. */
export function orderingKeyOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDateTime(text)?.ms;
}

/** The fast path for canonical text: digits read in place, no regular expression. */
function canonicalInstant(text: string): number | undefined {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millisecond = digitsAt(text, 20, 3);
  // NaN (a non-digit) fails every comparison in these checks.
  if (!(millisecond >= 0) || !validDate(year, month, day) || !(hour <= 23 && minute <= 59 && second <= 59)) {
    return undefined;
  }
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS;
}

/** The decimal number in text[start, start + count), or NaN if any of it is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      return Number.NaN;
    }
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The first instant among timestamps added one by one (e.g. the next expiry, to set a
 * timer). Canonical text is compared as text and only the earliest is parsed; should that
 * one be unreadable, the others are parsed too. Text without an instant (no offset,
 * unreadable) is left out.
 */
export class EarliestInstant {
  private readonly canonical: string[] = [];
  private earliestCanonical: string | undefined;
  private earliestOther = Number.POSITIVE_INFINITY;

  add(text: string | undefined): void {
    if (text === undefined) {
      return;
    }
    if (isCanonicalUtc(text)) {
      this.canonical.push(text);
      if (this.earliestCanonical === undefined || text < this.earliestCanonical) {
        this.earliestCanonical = text;
      }
      return;
    }
    const at = instantOf(text);
    if (at !== undefined && at < this.earliestOther) {
      this.earliestOther = at;
    }
  }

  earliest(): number | undefined {
    let earliest = instantOf(this.earliestCanonical) ?? Number.POSITIVE_INFINITY;
    if (earliest === Number.POSITIVE_INFINITY) {
      for (const text of this.canonical) {
        earliest = Math.min(earliest, instantOf(text) ?? Number.POSITIVE_INFINITY);
      }
    }
    earliest = Math.min(earliest, this.earliestOther);
    return earliest === Number.POSITIVE_INFINITY ? undefined : earliest;
  }
}

function validDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1)) {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** 24:00 (the end of the day) is valid ISO 8601; a leap second (:60) is not read. */
function validTime(hour: number, minute: number, second: number, fraction: string): boolean {
  if (hour === 24) {
    return minute === 0 && second === 0 && /^0*$/.test(fraction);
  }
  return hour <= 23 && minute <= 59 && second <= 59;
}

/** East of UTC is positive; `Z` or no offset is 0; undefined when out of range. */
function offsetInMinutes(sign: string | undefined, hours: string | undefined, minutes = '00'): number | undefined {
  if (sign === undefined) {
    return 0;
  }
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) {
    return undefined;
  }
  return (sign === '+' ? 1 : -1) * (h * 60 + m);
}
