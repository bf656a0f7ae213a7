/**
 * Fetches every pending message the user can see. The contract marks `scraperName`
 * required yet documents it as an optional filter, so servers differ: we ask once
 * without it, and if the server rejects that as a validation error we remember it and
 * ask per known scraper instead.
 */
import type { CallOptions, ScrapeHubClient } from './client';
import { ScrapeHubError } from './errors';
import type { ScraperMessage } from './types';

/** How many per-scraper requests may run at once against a strict server. */
const PER_SCRAPER_CONCURRENCY = 4;

export class AllMessagesFetcher {
  /** Learned per server: true once it has refused a request without scraperName. */
  private requiresScraperName = false;

  constructor(private readonly client: ScrapeHubClient) {}

  get needsScraperName(): boolean {
    return this.requiresScraperName;
  }

  /**
   * `knownScrapers` may be a function: it is then called only for a strict server, so the
   * usual refresh does not walk every message to collect names it never uses.
   */
  async fetch(knownScrapers: Iterable<string> | (() => Iterable<string>), options?: CallOptions): Promise<ScraperMessage[]> {
    if (!this.requiresScraperName) {
      try {
        return await this.client.getMessages(undefined, options);
      } catch (error) {
        if (!(error instanceof ScrapeHubError) || error.kind !== 'validation') {
          throw error;
        }
        this.requiresScraperName = true;
      }
    }
    return this.fetchPerScraper([...new Set(typeof knownScrapers === 'function' ? knownScrapers() : knownScrapers)], options);
  }

  private async fetchPerScraper(names: string[], options?: CallOptions): Promise<ScraperMessage[]> {
    const results: ScraperMessage[][] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const index = next++;
        results[index] = await this.client.getMessages(names[index], options);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PER_SCRAPER_CONCURRENCY, names.length) }, worker));
    return dedupeById(results.flat());
  }
}

function dedupeById(messages: ScraperMessage[]): ScraperMessage[] {
  return [...new Map(messages.map((message) => [message.id, message])).values()];
}
