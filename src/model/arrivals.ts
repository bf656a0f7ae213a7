/**
 * Which messages "arrived": ids that were not in the previous successful answer from the
 * same server and key. Pure, so the rules are unit-tested: the first answer only sets the
 * baseline (those messages were already there, they did not arrive), and an id is
 * reported at most once even if it leaves an answer and comes back.
 */
import type { ScraperMessage } from '../api/types';

/** Ids remembered as already reported; older ones are forgotten first. */
const MAX_REPORTED = 5_000;

export class ArrivalTracker {
  private previous: Set<string> | undefined;
  private readonly reported = new Set<string>();

  /** Forget everything: the next answer is a first answer again (new server or key). */
  reset(): void {
    this.previous = undefined;
    this.reported.clear();
  }

  /** The messages of `answer` that arrived since the previous answer ([] for a first answer). */
  observe(answer: readonly ScraperMessage[]): ScraperMessage[] {
    const previous = this.previous;
    this.previous = new Set(answer.map((message) => message.id));
    if (!previous) {
      return [];
    }
    const arrived = answer.filter((message) => !previous.has(message.id) && !this.reported.has(message.id));
    for (const message of arrived) {
      this.remember(message.id);
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
