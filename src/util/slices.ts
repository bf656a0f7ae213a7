/**
 * Long loops over server data (50,000 messages) must not hold the extension host — which
 * every other extension shares — for hundreds of milliseconds. A SliceClock lets such a
 * loop give the event loop a turn once its slice has run for SLICE_BUDGET_MS; small inputs
 * finish within one slice and never wait.
 */
const SLICE_BUDGET_MS = 12;

/** Resolves in a later macrotask, after pending I/O and timers had their turn. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class SliceClock {
  private sliceStarted = performance.now();

  /** Call after each batch of work; returns a pause (a new task) only when the slice is used up. */
  tick(): Promise<void> | undefined {
    if (performance.now() - this.sliceStarted < SLICE_BUDGET_MS) {
      return undefined;
    }
    return nextTask().then(() => {
      this.sliceStarted = performance.now();
    });
  }
}

/** Runs a generator that yields between batches of work to completion, all at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) {
    step = steps.next();
  }
  return step.value;
}

/** Runs a generator that yields between batches of work, giving the event loop a turn whenever a slice is used up. */
export async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  const clock = new SliceClock();
  let step = steps.next();
  while (!step.done) {
    const pause = clock.tick();
    if (pause) {
      await pause;
    }
    step = steps.next();
  }
  return step.value;
}
