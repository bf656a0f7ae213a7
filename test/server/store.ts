import type { StoredMessage } from './types';

const OPTIONAL_FIELDS = ['message', 'expiresAt', 'acknowledgedAt', 'sentBy'] as const;

export type NewMessage = Partial<StoredMessage> & { scraperName: string; messageType: string };

/**
 * The server's messages. `messages` keeps its identity across `load()` so a test holding
 * `server.messages` keeps seeing live state; the id index keeps acks O(1) on bench seeds.
 */
export class MessageStore {
  readonly messages: StoredMessage[] = [];
  private readonly byId = new Map<string, StoredMessage>();
  private readonly scraperIds = new Map<string, string>();
  private nextMessageNumber = 1;

  constructor(private readonly now: () => number) {}

  /** Replaces everything with `seed`, restarting the id counters. */
  load(seed: readonly NewMessage[]): void {
    this.messages.length = 0;
    this.byId.clear();
    this.scraperIds.clear();
    this.nextMessageNumber = 1;
    for (const message of seed) {
      this.add(message);
    }
  }

  add(partial: NewMessage): StoredMessage {
    if (partial.id !== undefined && this.byId.has(partial.id)) {
      throw new Error(`A message with id ${partial.id} already exists`);
    }
    // Field by field rather than a spread: same object shape every time, which keeps
    // loading a 50,000-message bench seed fast, and optional fields absent, not undefined.
    const stored: StoredMessage = {
      id: partial.id ?? this.freshId(),
      scraperId: partial.scraperId ?? this.scraperIdFor(partial.scraperName),
      scraperName: partial.scraperName,
      messageType: partial.messageType,
      createdAt: partial.createdAt ?? new Date(this.now()).toISOString(),
    };
    for (const field of OPTIONAL_FIELDS) {
      if (partial[field] !== undefined) {
        stored[field] = partial[field];
      }
    }
    this.messages.push(stored);
    this.byId.set(stored.id, stored);
    return stored;
  }

  find(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  /** Skips ids a test chose itself, so `m-<n>` stays unique. */
  private freshId(): string {
    let id: string;
    do {
      id = `m-${this.nextMessageNumber++}`;
    } while (this.byId.has(id));
    return id;
  }

  private scraperIdFor(scraperName: string): string {
    let id = this.scraperIds.get(scraperName);
    if (id === undefined) {
      id = `s-${this.scraperIds.size + 1}`;
      this.scraperIds.set(scraperName, id);
    }
    return id;
  }
}

export function isPending(message: StoredMessage, now: number): boolean {
  return message.acknowledgedAt === undefined && (message.expiresAt === undefined || Date.parse(message.expiresAt) > now);
}
