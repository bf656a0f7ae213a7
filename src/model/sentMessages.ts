/**
 * Messages this window sent, so their arrival is not announced to the person who just
 * sent them. A send whose answer was lost (timeout, dropped connection) has no id; the
 * message it may have created is recognised by its content, once, for a while.
 */
import type { ScraperMessage, SendMessageRequest } from '../api/types';

const MAX_IDS = 1_000;
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
  async track<T extends { messageId: string }>(request: SendMessageRequest, sending: Promise<T>, mayHaveBeenDelivered: (error: unknown) => boolean, now = Date.now): Promise<T> {
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
    const index = this.unconfirmed.findIndex(({ request, at }) =>
      request.scraperName === message.scraperName &&
      request.messageType === message.messageType &&
      (request.message ?? '') === (message.message ?? '') &&
      Date.parse(message.createdAt) >= at - 60_000);
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
