/**
 * The one way a composed message goes out, shared by the Send form and the chat tool:
 * one POST to the server it was composed for (never repeated here), tracked so this
 * window's alerts leave it out, and — when the answer was lost — a look at that server's
 * messages for it. Callers decide what to tell whom; nothing here notifies.
 */
import { isScrapeHubError } from '../api/errors';
import type { ScraperMessage, SendMessageRequest, SendMessageResult } from '../api/types';
import { findDelivered, sameContent } from '../model/sentMessages';
import type { MessageStore } from '../state/messageStore';
import type { ActiveServer } from '../state/serverConnection';
import type { CommandContext } from './commandContext';
import { ensureBound } from './sendBinding';

/** A send about to go out: what a lost answer is later checked against. */
export interface SendAttempt {
  readonly request: SendMessageRequest;
  readonly startedAt: number;
  /** Pending messages with the same content before the send: not evidence of delivery. */
  readonly pendingBefore: ReadonlySet<string>;
}

/** After a lost answer: what the bound server's messages show. */
export type DeliveryCheck =
  | { kind: 'listed'; message: ScraperMessage }
  | { kind: 'notListed' }
  | { kind: 'couldNotCheck' }
  /** The active server changed before the check: it could not be made. */
  | { kind: 'serverChanged' };

export function pendingMessages(store: MessageStore): ScraperMessage[] {
  return store.groups().flatMap((group) => group.messages);
}

/** Throws `serverChanged` when `server` was replaced; else records what is pending now. */
export function beginSend(context: CommandContext, server: ActiveServer, request: SendMessageRequest): SendAttempt {
  ensureBound(context, server);
  const pendingBefore = new Set(
    pendingMessages(context.store)
      .filter((message) => sameContent(request, message))
      .map((message) => message.id),
  );
  return { request, startedAt: Date.now(), pendingBefore };
}

/** The POST itself. Its error's `mayHaveReachedServer` tells a certain failure from an unknown outcome. */
export function post(context: CommandContext, server: ActiveServer, attempt: SendAttempt): Promise<SendMessageResult> {
  return context.sentHere.track(
    attempt.request,
    server.client.sendMessage(attempt.request),
    (error) => isScrapeHubError(error) && error.mayHaveReachedServer,
  );
}

/**
 * Refreshes the bound server's messages (through `withRefresh`, e.g. inside a progress
 * notification) and looks for the message a send with a lost answer may have created.
 */
export async function checkDelivered(
  context: CommandContext,
  server: ActiveServer,
  attempt: SendAttempt,
  withRefresh: (refresh: () => Promise<void>) => PromiseLike<void> = (refresh) => refresh(),
): Promise<DeliveryCheck> {
  const checkStarted = Date.now();
  if (context.connection.isCurrent(server)) {
    await withRefresh(() => context.store.refresh());
  }
  if (!context.connection.isCurrent(server)) {
    return { kind: 'serverChanged' };
  }
  const store = context.store;
  if (store.error !== undefined || (store.lastUpdated ?? 0) < checkStarted) {
    return { kind: 'couldNotCheck' };
  }
  const found = findDelivered(pendingMessages(store), attempt.request, attempt.startedAt, attempt.pendingBefore);
  return found ? { kind: 'listed', message: found } : { kind: 'notListed' };
}
