import { error, type Reply } from './http';
import type { Fault } from './types';

/** Faults in insertion order; each request consumes one use of the first that matches. */
export class FaultQueue {
  private entries: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    const remaining = fault.times ?? Infinity;
    if (remaining > 0) {
      this.entries.push({ fault: { ...fault }, remaining });
    }
  }

  clear(): void {
    this.entries = [];
  }

  take(operation: string | undefined, query: Record<string, string> = {}): Fault | undefined {
    const entry = this.entries.find(
      ({ fault }) => ((fault.operation ?? '*') === '*' || fault.operation === operation) && matchesQuery(fault, query),
    );
    if (!entry) {
      return undefined;
    }
    entry.remaining--;
    if (entry.remaining <= 0) {
      this.entries.splice(this.entries.indexOf(entry), 1);
    }
    return entry.fault;
  }
}

function matchesQuery(fault: Fault, query: Record<string, string>): boolean {
  return Object.entries(fault.query ?? {}).every(([name, value]) => query[name] === value);
}

/** The reply a fault with a `status` sends instead of the real one. */
export function faultReply(fault: Fault & { status: number }): Reply {
  if (fault.body !== undefined || fault.status < 400) {
    return { status: fault.status, body: fault.body, headers: fault.headers, chunked: fault.chunked };
  }
  return { ...error(fault.status, 'INJECTED_FAULT', `Injected fault (HTTP ${fault.status})`, fault.headers), chunked: fault.chunked };
}
