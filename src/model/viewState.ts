/**
 * What the Messages view says, mirrored into the `scrapehub.state` context key, and which
 * state a failed refresh leads to.
 */
import type { ScrapeHubError } from '../api/errors';

/**
 * `unreachable`: no answer (connection failure, timeout); `serverError`: the server
 * answered with an error; `needsScraperNames`: the server insists on scraper names and
 * we know none to ask about.
 */
export type ViewState =
  'loading' | 'noServer' | 'invalidServer' | 'noKey' | 'keyRejected' | 'unreachable' | 'serverError' | 'needsScraperNames' | 'empty' | 'ok';

export interface FailedState {
  state: ViewState;
  /** Shown with the state; undefined when the state says it all. */
  error: ScrapeHubError | undefined;
  /** The data shown goes too. */
  dropData: boolean;
}

export function stateAfterFailure(failure: ScrapeHubError): FailedState {
  if (failure.kind === 'notConfigured') {
    return { state: 'noKey', error: undefined, dropData: true };
  }
  if (failure.isAuthProblem) {
    // Data fetched with a key the server now rejects should not stay on screen.
    return { state: 'keyRejected', error: failure, dropData: true };
  }
  // "Could not be reached" only when there was no answer; otherwise the server's own words.
  const state = failure.kind === 'network' || failure.kind === 'timeout' ? 'unreachable' : 'serverError';
  return { state, error: failure, dropData: false };
}
