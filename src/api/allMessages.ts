/**
 * Fetches every pending message the user can see. The contract marks `scraperName`
 * required yet documents it as an optional filter, so servers differ: we ask once
 * without it, and if the server rejects that as a validation error we remember it and
 * ask per known scraper instead. Asked one by one, one scraper's failure (a 403 or 404
 * for that scraper, a 500) does not lose the others' messages: the answer says which
 * scrapers failed.
 */
import type { CallOptions, ScrapeHubClient } from './client';
import { ScrapeHubError, isScrapeHubError } from './errors';
import type { ScraperMessage } from './types';

/** How many per-scraper requests may run at once against a strict server. */
const PER_SCRAPER_CONCURRENCY = 4;

export interface ScraperFailure {
  scraperName: string;
  error: ScrapeHubError;
}

export interface MessagesAnswer {
  /** The same array as last time when no answer changed (see ScrapeHubClient.getMessages). */
  messages: readonly ScraperMessage[];
  /** Scrapers whose messages could not be loaded; the rest are in `messages`. */
  failed: ScraperFailure[];
  /** The server insists on a scraper name and we know none to ask about. */
  needsScraperNames: boolean;
}

/**
 * Failures that concern the whole request, not one scraper: the key, the user cancelling,
 * the server asking us to slow down, the server changing. They fail the whole refresh.
 */
function failsEverything(error: unknown): boolean {
  return !isScrapeHubError(error) || ['unauthorized', 'aborted', 'rateLimited', 'serverChanged', 'notConfigured'].includes(error.kind);
}

export class AllMessagesFetcher {
  /** Learned per server: true once it has refused a request without scraperName. */
  private requiresScraperName = false;
  /** The last complete per-scraper answer: each scraper's part, and the merged list. */
  private lastMerged: { parts: Map<string, readonly ScraperMessage[]>; messages: readonly ScraperMessage[] } | undefined;

  constructor(private readonly client: ScrapeHubClient) {}

  /**
   * `knownScrapers` is called only for a strict server, so the usual refresh does not walk
   * every message to collect names it never uses (nor waits for what they come from).
   */
  async fetch(knownScrapers: () => Iterable<string> | PromiseLike<Iterable<string>>, options?: CallOptions): Promise<MessagesAnswer> {
    if (!this.requiresScraperName) {
      try {
        return { messages: await this.client.getMessages(undefined, options), failed: [], needsScraperNames: false };
      } catch (error) {
        if (!(error instanceof ScrapeHubError) || error.kind !== 'validation') {
          throw error;
        }
        this.requiresScraperName = true;
      }
    }
    const names = [...new Set(await knownScrapers())];
    if (names.length === 0) {
      return { messages: [], failed: [], needsScraperNames: true };
    }
    return this.fetchPerScraper(names, options);
  }

  private async fetchPerScraper(names: string[], options?: CallOptions): Promise<MessagesAnswer> {
    // Merged in the order asked, not the order answered, so which copy of a repeated id wins does not depend on timing.
    const parts = new Map<string, readonly ScraperMessage[]>();
    const failed: ScraperFailure[] = [];
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const scraperName = names[next++];
        try {
          parts.set(scraperName, await this.client.getMessages(scraperName, options));
        } catch (error) {
          if (failsEverything(error)) {
            throw error;
          }
          failed.push({ scraperName, error: error as ScrapeHubError });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PER_SCRAPER_CONCURRENCY, names.length) }, worker));
    // Nothing loaded: the refresh failed. A scraper the key may not read (403, 404) still
    // says nothing about the key itself, so those alone are reported per scraper.
    const wholeFailure =
      failed.length === names.length && failed.find(({ error }) => error.kind !== 'forbidden' && error.kind !== 'notFound');
    if (wholeFailure) {
      throw wholeFailure.error;
    }
    return { messages: this.merged(names, parts, failed.length === 0), failed, needsScraperNames: false };
  }

  /** In the order of `names`; the last merged array again when every part is the same as then. */
  private merged(names: string[], parts: Map<string, readonly ScraperMessage[]>, complete: boolean): readonly ScraperMessage[] {
    const last = this.lastMerged;
    if (complete && last && last.parts.size === parts.size && [...parts].every(([name, part]) => last.parts.get(name) === part)) {
      return last.messages;
    }
    const messages = dedupeById(names.flatMap((name) => parts.get(name) ?? []));
    this.lastMerged = complete ? { parts, messages } : undefined;
    return messages;
  }
}

/** Keeps the first copy of a repeated id, as the client does within one answer. */
function dedupeById(messages: ScraperMessage[]): ScraperMessage[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    const first = !seen.has(message.id);
    seen.add(message.id);
    return first;
  });
}
