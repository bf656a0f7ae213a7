/**
 * What of the last answer the view shows: grouped per scraper, without expired messages and
 * without those being (or already) acknowledged, which are hidden at once, whatever a poll
 * returns. The grouping is kept until something changes; a timer calls `onExpiry` when the
 * next message expires, so it leaves the view on time.
 */
import type { ScraperMessage, UserSettings } from '../api/types';
import { groupMessagesAndExpiry, type ScraperGroup } from '../model/messageGroups';
import type { Clock, TimerHandle } from '../util/clock';

export class VisibleGroups {
  private readonly hidden = new Set<string>();
  private cache: ScraperGroup[] | undefined;
  private expiryTimer: TimerHandle;

  constructor(
    private readonly answer: () => { messages: readonly ScraperMessage[]; user: UserSettings } | undefined,
    private readonly clock: Clock,
    private readonly onExpiry: () => void,
  ) {}

  get groups(): ScraperGroup[] {
    if (!this.cache) {
      const answer = this.answer();
      const all = answer?.messages ?? [];
      const visible = this.hidden.size === 0 ? all : all.filter((message) => !this.hidden.has(message.id));
      const now = this.clock.now();
      const grouping = groupMessagesAndExpiry(visible, answer?.user.scraperAssignments ?? [], now);
      this.cache = grouping.groups;
      this.scheduleExpiry(grouping.nextExpiry, now);
    }
    return this.cache;
  }

  /** Groups anew on the next read: the answer or the hidden ids changed. */
  invalidate(): void {
    this.cache = undefined;
  }

  hide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.add(id);
    }
    this.cache = undefined;
  }

  unhide(ids: Iterable<string>): void {
    for (const id of ids) {
      this.hidden.delete(id);
    }
    this.cache = undefined;
  }

  /** Another server: its message ids mean other messages. */
  clear(): void {
    this.hidden.clear();
    this.cache = undefined;
  }

  dispose(): void {
    this.clock.clearTimeout(this.expiryTimer);
  }

  private scheduleExpiry(next: number | undefined, now: number): void {
    this.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = next === undefined ? undefined : this.clock.setTimeout(this.onExpiry, next - now + 50);
  }
}
