/**
 * The last lines written to the log, kept in memory for the support report: a fixed-size
 * ring of bounded lines, so keeping it costs next to nothing and nothing goes to disk.
 */
import type * as vscode from 'vscode';

export interface RecentLogLine {
  /** Epoch milliseconds. */
  at: number;
  level: string;
  text: string;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']);

export class RecentLog {
  private readonly ring: RecentLogLine[] = [];
  private next = 0;

  constructor(
    private readonly capacity = 300,
    private readonly maxLineLength = 600,
    private readonly now: () => number = Date.now,
  ) {}

  add(level: string, text: string): void {
    const line = { at: this.now(), level, text: text.length > this.maxLineLength ? `${text.slice(0, this.maxLineLength - 1)}…` : text };
    if (this.ring.length < this.capacity) {
      this.ring.push(line);
    } else {
      this.ring[this.next] = line;
    }
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  lines(): RecentLogLine[] {
    return this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}

/**
 * `channel` with every line also kept in `recent`. Wrap it inside oneLineLog, so what is
 * kept is the one line that was logged.
 */
export function keepingRecentLines(channel: vscode.LogOutputChannel, recent: RecentLog): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && LEVELS.has(property) && typeof value === 'function') {
        return (...args: unknown[]) => {
          recent.add(property.startsWith('append') ? 'info' : property, args.map(String).join(' '));
          return value.apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
