/**
 * Messages this window sent, so their arrival is not announced to the person who just
 * sent them. A send whose answer was lost (timeout, dropped connection) has no id; the
 * message it may have created is recognised by its content, once, for a while.
 */
import type { ScraperMessage, SendMessageRequest } from '../api/types';
import { instantOf } from './timestamps';

const MAX_IDS = 1_000;
/** How far the server's clock may be behind ours when telling whether a message is newer than a send. */
export const CLOCK_SKEW_MS = 60_000;
/** How long a send without an answer may still turn up in a refresh as "ours". */
const UNCONFIRMED_FOR_MS = 15 * 60_000;

interface Unconfirmed {
  request: SendMessageRequest;
  at: number;
}

export class SentMessages {
  private readonly ids = new Set<string>();
  private unconfirmed: Unconfirmed[] = [];
  private inFlight = 0;
  private readonly settledListeners = new Set<() => void>();

  /** True while a send is waiting for the server: a refresh may already hold its message. */
  get sending(): boolean {
    return this.inFlight > 0;
  }

  /** Called whenever a send finished (sent or failed). */
  onSettled(listener: () => void): { dispose(): void } {
    this.settledListeners.add(listener);
    return { dispose: () => this.settledListeners.delete(listener) };
  }

  /**
   * Wraps one send. `mayHaveBeenDelivered` tells, for a failure, whether the server may
   * have stored the message anyway.
   */
  async track<T extends { messageId: string }>(
    request: SendMessageRequest,
    sending: Promise<T>,
    mayHaveBeenDelivered: (error: unknown) => boolean,
    now = Date.now,
  ): Promise<T> {
    this.inFlight += 1;
    try {
      const result = await sending;
      this.rememberId(result.messageId);
      return result;
    } catch (error) {
      if (mayHaveBeenDelivered(error)) {
        this.unconfirmed.push({ request, at: now() });
      }
      throw error;
    } finally {
      this.inFlight -= 1;
      this.settledListeners.forEach((listener) => listener());
    }
  }

  /** True when `message` was sent from here; an unconfirmed send is matched at most once. */
  claims(message: ScraperMessage, now = Date.now()): boolean {
    if (this.ids.has(message.id)) {
      return true;
    }
    this.unconfirmed = this.unconfirmed.filter((entry) => now - entry.at < UNCONFIRMED_FOR_MS);
    const index = this.unconfirmed.findIndex(({ request, at }) => sameContent(request, message) && createdSince(message, at));
    if (index < 0) {
      return false;
    }
    this.unconfirmed.splice(index, 1);
    this.rememberId(message.id);
    return true;
  }

  private rememberId(id: string): void {
    this.ids.add(id);
    if (this.ids.size > MAX_IDS) {
      this.ids.delete(this.ids.values().next().value as string);
    }
  }
}

/** Same scraper, type and text: what a second send of the same request would store. */
export function sameContent(request: SendMessageRequest, message: ScraperMessage): boolean {
  return (
    request.scraperName === message.scraperName &&
    request.messageType === message.messageType &&
    (request.message ?? '') === (message.message ?? '')
  );
}

/**
 * Created at or after `at` (within the clock skew). A createdAt without an offset names no
 * instant, so it never proves a message is the one a lost send created: saying "delivered"
 * wrongly would stop the user from sending it again.
 */
function createdSince(message: ScraperMessage, at: number): boolean {
  const created = instantOf(message.createdAt);
  return created !== undefined && created >= at - CLOCK_SKEW_MS;
}

/** Both absent, or both naming the same instant (an expiry without an offset names none). */
function sameExpiry(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  const instant = instantOf(a);
  return instant !== undefined && instant === instantOf(b);
}

/**
 * The message a send whose answer was lost created, if the server lists it: same content
 * and the same expiry instant, created after the send started (within the clock skew),
 * and not one of the messages that were already pending before it.
 */
export function findDelivered(
  pending: Iterable<ScraperMessage>,
  request: SendMessageRequest,
  sendStartedAt: number,
  pendingBefore: ReadonlySet<string>,
): ScraperMessage | undefined {
  for (const message of pending) {
    if (
      !pendingBefore.has(message.id) &&
      sameContent(request, message) &&
      sameExpiry(message.expiresAt, request.expiresAt) &&
      createdSince(message, sendStartedAt)
    ) {
      return message;
    }
  }
  return undefined;
}
