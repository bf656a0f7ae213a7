/**
 * What the user is composing in the Send Message flow, and the rules it must meet
 * before it goes to the server. Pure: shared by the input flow and the tests.
 */
import * as l10n from '@vscode/l10n';
import { formatMinutes } from './timeText';
import { SCRAPER_NAME_MAX_LENGTH, type KnownMessageType, type SendMessageRequest } from '../api/types';

export interface SendDraft {
  scraperName?: string;
  messageType?: KnownMessageType;
  /** Free text; empty means none. */
  text?: string;
  expiry?: ExpiryChoice;
}

export type ExpiryChoice = { kind: 'none' } | { kind: 'relative'; minutes: number } | { kind: 'custom'; iso: string };

// Labels are getters: looked up when shown, in the display language, not at load time.
export const EXPIRY_PRESETS: ReadonlyArray<{ readonly label: string; choice: ExpiryChoice }> = [
  {
    get label() {
      return l10n.t('Never');
    },
    choice: { kind: 'none' },
  },
  {
    get label() {
      return l10n.t('In 15 minutes');
    },
    choice: { kind: 'relative', minutes: 15 },
  },
  {
    get label() {
      return l10n.t('In 1 hour');
    },
    choice: { kind: 'relative', minutes: 60 },
  },
  {
    get label() {
      return l10n.t('In 24 hours');
    },
    choice: { kind: 'relative', minutes: 24 * 60 },
  },
];

/** Returns a problem to show the user, or undefined when the name is acceptable. */
export function validateScraperName(value: string): string | undefined {
  const name = value.trim();
  if (name.length === 0) {
    return l10n.t('Enter a scraper name.');
  }
  if (name.length > SCRAPER_NAME_MAX_LENGTH) {
    return l10n.t('A scraper name has at most {0} characters (this one has {1}).', SCRAPER_NAME_MAX_LENGTH, name.length);
  }
  return undefined;
}

// Date and time with an explicit offset: a bare local time would mean different
// instants on the user's machine and the server.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function validateCustomExpiry(value: string, now: number): string | undefined {
  const text = value.trim();
  if (!ISO_DATE_TIME.test(text) || Number.isNaN(Date.parse(text))) {
    return l10n.t('Enter an ISO 8601 date-time with a time zone, e.g. {0}.', '2026-12-01T18:00:00Z');
  }
  if (Date.parse(text) <= now) {
    return l10n.t('The expiry must be in the future.');
  }
  return undefined;
}

export function expiryToIso(choice: ExpiryChoice | undefined, now: number): string | undefined {
  if (!choice || choice.kind === 'none') {
    return undefined;
  }
  if (choice.kind === 'relative') {
    return new Date(now + choice.minutes * 60_000).toISOString();
  }
  return new Date(Date.parse(choice.iso.trim())).toISOString();
}

export function describeExpiry(choice: ExpiryChoice | undefined): string {
  if (!choice || choice.kind === 'none') {
    return l10n.t('never expires');
  }
  if (choice.kind === 'custom') {
    return l10n.t('expires at {0}', choice.iso.trim());
  }
  return l10n.t('expires in {0}', formatMinutes(choice.minutes));
}

export type DraftCheck = { ok: true; request: SendMessageRequest } | { ok: false; problem: string };

/**
 * The request to send, built at send time so relative expiries count from the moment
 * of sending (a retry a minute later still gets the full 15 minutes).
 */
export function toSendRequest(draft: SendDraft, now: number): DraftCheck {
  const nameProblem = validateScraperName(draft.scraperName ?? '');
  if (nameProblem) {
    return { ok: false, problem: nameProblem };
  }
  if (!draft.messageType) {
    return { ok: false, problem: l10n.t('Choose a message type.') };
  }
  if (draft.expiry?.kind === 'custom') {
    const expiryProblem = validateCustomExpiry(draft.expiry.iso, now);
    if (expiryProblem) {
      return { ok: false, problem: expiryProblem };
    }
  }
  const request: SendMessageRequest = { scraperName: draft.scraperName!.trim(), messageType: draft.messageType };
  const text = draft.text?.trim();
  if (text) {
    request.message = text;
  }
  const expiresAt = expiryToIso(draft.expiry, now);
  if (expiresAt) {
    request.expiresAt = expiresAt;
  }
  return { ok: true, request };
}
