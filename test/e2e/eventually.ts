/**
 * Expect-style polling for conditions Playwright's locators cannot wait for themselves
 * (state on the local ScrapeHub server, a file on disk, a computed value of the page).
 * Never a fixed sleep: it returns as soon as the condition holds, and fails with the last
 * value it saw when it does not hold within the timeout.
 */

const POLL_MS = 100;

export class EventuallyError extends Error {}

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Calls `probe` until `accept` returns true for its result (a probe that throws counts as
 * not yet); resolves with that result.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      last = value;
      if (accept(value)) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      throw new EventuallyError(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${show(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `eventually` for a condition without a value worth returning. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  await eventually(what, condition, (holds) => holds, timeoutMs);
}
