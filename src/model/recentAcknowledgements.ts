/**
 * The list behind the "Recently Acknowledged" group: what this user acknowledged in this
 * window, newest first, each message once, at most RECENT_ACK_LIMIT. Pure.
 *
 * Why a cap of 50: the group is a way back from a mistake made minutes ago (the API has
 * no un-acknowledge, so the way back is sending the message again), not a history. Fifty
 * rows still fit in one glance of the tree and keep a long session's memory bounded;
 * every acknowledgement is also in the log (Show Log) with its message id.
 */
import type { ScraperMessage } from '../api/types';

export const RECENT_ACK_LIMIT = 50;

export interface RecentAck {
  /** The server (origin) that acknowledged it: the same id on another server is another message. */
  origin: string;
  /** The message as it was shown before it was acknowledged. */
  message: ScraperMessage;
  /** When the server says it was acknowledged (its clock), or ours if it sent nothing readable. */
  acknowledgedAt: string;
}

/**
 * Adds newly acknowledged messages in front; a message already listed moves to the front.
 * The list belongs to one server: entries of another origin than the added ones are dropped.
 */
export function addRecentAcks(list: readonly RecentAck[], added: readonly RecentAck[], limit = RECENT_ACK_LIMIT): RecentAck[] {
  const origin = added[0]?.origin;
  const same = added.filter((entry) => entry.origin === origin);
  const ids = new Set(same.map((entry) => entry.message.id));
  const newestFirst = [...same].reverse();
  return [...newestFirst, ...list.filter((entry) => entry.origin === origin && !ids.has(entry.message.id))].slice(0, limit);
}
