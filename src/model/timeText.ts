/**
 * Short relative times for tree descriptions ("5 min ago", "expires in 2 h").
 * Pure so it can be unit-tested with a fixed clock.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "moments", "12 min", "30 h" (hours up to two days, as "24 h" reads better than "1 d"), "4 d". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) {
    return ms < 30_000 ? 'moments' : '1 min';
  }
  if (ms < HOUR) {
    return `${Math.round(ms / MINUTE)} min`;
  }
  if (ms < 2 * DAY) {
    return `${Math.round(ms / HOUR)} h`;
  }
  return `${Math.round(ms / DAY)} d`;
}

export function formatAge(createdAt: number | undefined, now: number): string {
  if (createdAt === undefined) {
    return 'unknown age';
  }
  const age = now - createdAt;
  if (age < 45_000) {
    // Includes small clock skew where the server's clock is ahead of ours.
    return 'just now';
  }
  return `${formatDuration(age)} ago`;
}

export function formatExpiresIn(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  return left <= 0 ? 'expired' : `expires in ${formatDuration(left)}`;
}

/** A whole number of minutes without rounding ("1 h 30 min"): for durations the user chose. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `${rest} min`;
  }
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
