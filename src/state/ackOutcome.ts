/**
 * What one acknowledgement's answer means. Only a clear answer counts: a 2xx with
 * `acknowledgedAt` is done, a 409 means someone acknowledged it first. A 404, a timeout,
 * a gateway or server error, a 2xx without `acknowledgedAt` leave the outcome unknown
 * (a proxy can answer 404 for a message the server still holds; a 500 can come after the
 * server acted), so those are checked against the server's next list of pending messages.
 * No runtime `vscode` import: the classification is unit-tested against the local server.
 */
import type * as vscode from 'vscode';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { Clock, TimerHandle } from '../util/clock';
import type { MessageStore } from './messageStore';
import type { ActiveServer, ServerConnection } from './serverConnection';

export type AckOutcome =
  | { kind: 'acknowledged'; acknowledgedAt: string }
  | { kind: 'alreadyAcknowledged' }
  /** The server may have acted: confirm against the next list. */
  | { kind: 'unknown'; error: ScrapeHubError }
  /** The server refused for now and said when to ask again. */
  | { kind: 'retryLater'; error: ScrapeHubError; waitMs: number }
  | { kind: 'failed'; error: ScrapeHubError };

export async function ackOnce(server: ActiveServer, messageId: string): Promise<AckOutcome> {
  try {
    const result = await server.client.ackMessage(messageId);
    return { kind: 'acknowledged', acknowledgedAt: result.acknowledgedAt };
  } catch (caught) {
    return outcomeOf(isScrapeHubError(caught) ? caught : new ScrapeHubError('server', String(caught)));
  }
}

export function outcomeOf(error: ScrapeHubError): AckOutcome {
  if (error.kind === 'conflict') {
    return { kind: 'alreadyAcknowledged' };
  }
  if (error.kind === 'rateLimited' && error.retryAfterMs !== undefined) {
    return { kind: 'retryLater', error, waitMs: error.retryAfterMs };
  }
  // A 404 included: a gateway or a server bug can answer it while the message is still pending.
  if (error.mayHaveReachedServer) {
    return { kind: 'unknown', error };
  }
  return { kind: 'failed', error };
}

/**
 * How long an unclear acknowledgement waits for a successful refresh to settle it. Past
 * that (the server keeps failing, or nothing refreshes) the message is shown again and
 * the outcome reported as unknown, rather than hidden indefinitely.
 */
export const ACK_CHECK_LIMIT_MS = 2 * 60_000;

/**
 * The ids `server` lists in its first successful answer to a refresh started after now;
 * undefined if the server or key changes first, or none comes within ACK_CHECK_LIMIT_MS.
 * `dispose` stops waiting.
 */
export function nextListing(
  store: MessageStore,
  connection: ServerConnection,
  server: ActiveServer,
  clock: Clock,
): { listing: Promise<ReadonlySet<string> | undefined>; dispose(): void } {
  const since = performance.now();
  const subscriptions: vscode.Disposable[] = [];
  let timer: TimerHandle;
  const dispose = () => {
    for (const subscription of subscriptions.splice(0)) {
      subscription.dispose();
    }
    clock.clearTimeout(timer);
  };
  const listing = new Promise<ReadonlySet<string> | undefined>((resolve) => {
    const done = (ids: ReadonlySet<string> | undefined) => {
      dispose();
      resolve(ids);
    };
    subscriptions.push(
      store.onDidFetch((fetched) => {
        if (fetched.server === server && fetched.startedAt >= since) {
          done(new Set(fetched.messages.map((message) => message.id)));
        }
      }),
      connection.onDidChange(() => done(undefined)),
    );
    timer = clock.setTimeout(() => done(undefined), ACK_CHECK_LIMIT_MS);
  });
  return { listing, dispose };
}
