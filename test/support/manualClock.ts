/** A Clock whose time moves only when a test says so; timers fire in order of due time. */
import { boundedDelay, type Clock } from '../../src/util/clock';

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];
  /** Every delay asked for, as given (before bounding), for tests of the bounds. */
  readonly requestedDelays: number[] = [];

  constructor(start = Date.parse('2026-12-01T10:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): number {
    this.requestedDelays.push(delayMs);
    const timer = { id: this.nextId++, due: this.time + boundedDelay(delayMs), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** When the next timer is due, or undefined when none is set. */
  get nextDue(): number | undefined {
    return this.timers.length === 0 ? undefined : Math.min(...this.timers.map((timer) => timer.due));
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (and letting promises settle after each). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > end) {
        break;
      }
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.due;
      next.callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise callbacks run (a few macrotask turns, no real waiting). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
