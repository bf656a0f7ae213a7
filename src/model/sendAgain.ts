/**
 * "Send Again" for an acknowledged message: the API cannot un-acknowledge, so the way
 * back from a mistaken acknowledgement is a new message with the same scraper, type and
 * text. Pure: decides what the Send Message flow starts with, above all the expiry.
 *
 * What a careful user expects of the expiry:
 * - the original never expired → the new one never expires;
 * - its expiry is still ahead → offer that same moment first (as if the acknowledgement
 *   had not happened), and the same duration counted from sending second;
 * - its expiry has passed → the original would be gone by now anyway, so that moment is
 *   not offered at all: the user picks a new expiry (the same duration is offered first),
 *   and is told why. Nothing is sent without the user passing the expiry step.
 */
import { KNOWN_MESSAGE_TYPES, type KnownMessageType, type ScraperMessage } from '../api/types';
import { parseTimestamp } from './messageGroups';
import type { ExpiryChoice, SendDraft } from './sendDraft';

/** An original expiry less than this far ahead is treated as passed: it would lapse while the user confirms. */
export const MIN_REMAINING_MS = 60_000;

export interface SendAgainPlan {
  draft: SendDraft;
  /** Where the flow opens: the text step when the type is known (Back reaches type and scraper). */
  startAt: 'type' | 'text';
  /** The original absolute expiry, offered while it is still ahead. */
  sameMoment?: { choice: ExpiryChoice; expiresAt: number };
  /** The original lifetime (expiresAt − createdAt), counted from sending. */
  sameDuration?: { choice: ExpiryChoice; minutes: number };
  /** The original expiry is in the past (or unreadable): the user must choose one. */
  expiryPassed: boolean;
}

export function planSendAgain(message: ScraperMessage, now: number): SendAgainPlan {
  const known = (KNOWN_MESSAGE_TYPES as readonly string[]).includes(message.messageType);
  const draft: SendDraft = {
    scraperName: message.scraperName,
    messageType: known ? (message.messageType as KnownMessageType) : undefined,
    text: message.message ?? '',
  };
  const plan: SendAgainPlan = { draft, startAt: known ? 'text' : 'type', expiryPassed: false };
  if (message.expiresAt === undefined) {
    draft.expiry = { kind: 'none' };
    return plan;
  }
  const expires = parseTimestamp(message.expiresAt);
  const created = parseTimestamp(message.createdAt);
  if (expires !== undefined && created !== undefined && expires > created) {
    const minutes = Math.max(1, Math.round((expires - created) / 60_000));
    plan.sameDuration = { choice: { kind: 'relative', minutes }, minutes };
  }
  if (expires !== undefined && expires - now >= MIN_REMAINING_MS) {
    plan.sameMoment = { choice: { kind: 'custom', iso: new Date(expires).toISOString() }, expiresAt: expires };
    draft.expiry = plan.sameMoment.choice;
  } else {
    plan.expiryPassed = true;
    draft.expiry = plan.sameDuration?.choice;
  }
  return plan;
}
