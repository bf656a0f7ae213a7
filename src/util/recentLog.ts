/**
 * The last lines written to the log, kept in memory for the support report: a fixed-size
 * ring of bounded lines, so keeping it costs next to nothing and nothing goes to disk.
 */
export interface RecentLogLine {
  /** Epoch milliseconds. */
  at: number;
  level: string;
  text: string;
}

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
