/**
 * Keeps several VS Code windows on the same server from multiplying the request rate.
 * Windows share, through the extension's global state, when the server was last polled
 * and what it answered; a window whose timer fires shortly after another window's poll
 * takes that answer instead of asking the server again. Manual refreshes and refreshes
 * after sending or acknowledging always go to the server.
 */
import type * as vscode from 'vscode';
import type { ScraperMessage, UserSettings } from '../api/types';

/** Larger answers are not copied into global state; each window then polls for itself. */
export const MAX_SHARED_MESSAGES = 2_000;
/** A poll younger than this share of the interval counts as "just done" by another window. */
const FRESH_SHARE = 0.9;

export interface SharedSnapshot {
  fetchedAt: number;
  messages: ScraperMessage[];
  user: UserSettings;
}

interface PollRecord {
  /** When the poll started (so a window checking during a slow request also waits). */
  at: number;
  /** The window that polled. */
  by: string;
}

/**
 * Two keys per server: the small poll record, written when a poll starts, and the answer,
 * written once when it arrives — so the (possibly large) answer is not rewritten just to
 * announce a poll.
 */
export class PollCoordinator {
  readonly windowId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  constructor(private readonly state: vscode.Memento) {}

  /**
   * Another window's recent poll of `origin`, with its answer, if there is one to use. Only
   * an answer for the same user counts: two windows may hold different keys for one server.
   */
  recentPollByAnotherWindow(origin: string, intervalMs: number, username: string | undefined, now = Date.now()): { at: number; snapshot: SharedSnapshot } | undefined {
    const record = this.state.get<PollRecord>(pollKey(origin));
    if (!record || record.by === this.windowId || now - record.at >= intervalMs * FRESH_SHARE) {
      return undefined;
    }
    const snapshot = this.state.get<SharedSnapshot>(answerKey(origin));
    if (!snapshot || username === undefined || snapshot.user.username !== username) {
      return undefined;
    }
    return { at: record.at, snapshot };
  }

  /** Announces a poll starting now; the last shared answer stays until the new one arrives. */
  async pollStarted(origin: string, now = Date.now()): Promise<void> {
    await this.state.update(pollKey(origin), { at: now, by: this.windowId } satisfies PollRecord);
  }

  async pollSucceeded(origin: string, snapshot: SharedSnapshot): Promise<void> {
    await this.state.update(answerKey(origin), snapshot.messages.length <= MAX_SHARED_MESSAGES ? snapshot : undefined);
  }
}

export function pollKey(origin: string): string {
  return `scrapehub.lastPoll:${origin}`;
}

export function answerKey(origin: string): string {
  return `scrapehub.lastAnswer:${origin}`;
}
