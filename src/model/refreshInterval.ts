/** How often the Messages view refreshes by itself, from `scrapehub.refreshIntervalSeconds`. */
export const MIN_REFRESH_SECONDS = 5;
export const DEFAULT_REFRESH_SECONDS = 30;
/** Also the schema's maximum: a longer timer would overflow Node's timer range long before it matters. */
export const MAX_REFRESH_SECONDS = 3600;

/**
 * The interval in ms; 0 means automatic refresh is off. Values between 0 and the minimum
 * count as the minimum and longer ones as the maximum, so a typo cannot make every window poll the server many times a
 * second; anything that is not a non-negative number falls back to the default.
 */
export function refreshIntervalMs(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    return DEFAULT_REFRESH_SECONDS * 1000;
  }
  if (seconds === 0) {
    return 0;
  }
  return Math.min(Math.max(seconds, MIN_REFRESH_SECONDS), MAX_REFRESH_SECONDS) * 1000;
}
