/**
 * Which messages "arrived": ids not seen in any earlier successful answer from the same
 * server and key. Pure, so the rules are unit-tested: the first answer only sets the
 * baseline (those messages were already there, they did not arrive), and an id is
 * reported at most once even if it leaves an answer and comes back.
 */
import type { ScraperMessage } from '../api/types';

/** Ids remembered as already reported; older ones are forgotten first. */
const MAX_REPORTED = 5_000;
/** Ids remembered as seen, at least; more when answers are larger. */
const MAX_SEEN = 20_000;

export class ArrivalTracker {
  /**
   * Ids seen in any answer since the baseline. Kept across answers (not rebuilt from each
   * one, which cost a 10,000-entry Set per refresh) and only pruned to the current answer
   * when it grows well past it.
   */
  private seen: Set<string> | undefined;
  private readonly reported = new Set<string>();

  /** Forget everything: the next answer is a first answer again (new server or key). */
  reset(): void {
    this.seen = undefined;
    this.reported.clear();
  }

  /** The messages of `answer` that arrived since the previous answer ([] for a first answer). */
  observe(answer: readonly ScraperMessage[]): ScraperMessage[] {
    const seen = this.seen;
    if (!seen) {
      this.seen = new Set(answer.map((message) => message.id));
      return [];
    }
    const arrived = answer.filter((message) => !seen.has(message.id) && !this.reported.has(message.id));
    for (const message of arrived) {
      seen.add(message.id);
      this.remember(message.id);
    }
    if (seen.size > Math.max(MAX_SEEN, 2 * answer.length)) {
      this.seen = new Set(answer.map((message) => message.id));
    }
    return arrived;
  }

  private remember(id: string): void {
    this.reported.add(id);
    if (this.reported.size > MAX_REPORTED) {
      // A Set iterates in insertion order: the first entry is the oldest.
      this.reported.delete(this.reported.values().next().value as string);
    }
  }
}
