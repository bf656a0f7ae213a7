import type { SendMessageRequest } from '../../src/api/types';

/*
 * Limits restated from the contract rather than imported from src/, so a mistake in the
 * client's constants cannot silently make the test server agree with it.
 */
const MESSAGE_TYPES: readonly string[] = ['KILL_REQUEST', 'START'];
const SCRAPER_NAME_MAX_LENGTH = 100;
const SEND_MESSAGE_PROPERTIES = ['scraperName', 'messageType', 'message', 'expiresAt'];
const ACK_MESSAGE_PROPERTIES = ['messageId'];

/** RFC 3339 date-time, the "date-time" format of OpenAPI. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export function validateSendMessage(body: unknown, now: number): Validated<SendMessageRequest> {
  const checked = checkObject(body, SEND_MESSAGE_PROPERTIES);
  if (!checked.ok) {
    return checked;
  }
  const { scraperName, messageType, message, expiresAt } = checked.value;
  const problem = [
    scraperNameProblem(scraperName),
    messageTypeProblem(messageType),
    typeof message === 'string' || message === undefined ? undefined : 'message must be a string',
    expiresAt === undefined ? undefined : expiresAtProblem(expiresAt, now),
  ].find((found) => found !== undefined);
  return problem === undefined ? { ok: true, value: checked.value as unknown as SendMessageRequest } : { ok: false, message: problem };
}

export function validateAckMessage(body: unknown): Validated<{ messageId: string }> {
  const checked = checkObject(body, ACK_MESSAGE_PROPERTIES);
  if (!checked.ok) {
    return checked;
  }
  const { messageId } = checked.value;
  if (messageId === undefined) {
    return { ok: false, message: 'messageId is required' };
  }
  if (typeof messageId !== 'string' || messageId.length === 0) {
    return { ok: false, message: 'messageId must be a non-empty string' };
  }
  return { ok: true, value: { messageId } };
}

export function isIsoDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  // Date.parse would roll 2026-02-30 over to March; a round trip through Date.UTC catches it.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

function checkObject(body: unknown, allowed: readonly string[]): Validated<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'Request body must be a JSON object' };
  }
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    return { ok: false, message: `Unknown property '${unknown}'` };
  }
  return { ok: true, value: body as Record<string, unknown> };
}

function scraperNameProblem(scraperName: unknown): string | undefined {
  if (scraperName === undefined) {
    return 'scraperName is required';
  }
  if (typeof scraperName !== 'string' || scraperName.length < 1 || scraperName.length > SCRAPER_NAME_MAX_LENGTH) {
    return `scraperName must be a string of 1 to ${SCRAPER_NAME_MAX_LENGTH} characters`;
  }
  return undefined;
}

function messageTypeProblem(messageType: unknown): string | undefined {
  return typeof messageType === 'string' && MESSAGE_TYPES.includes(messageType)
    ? undefined
    : `messageType must be one of ${MESSAGE_TYPES.join(', ')}`;
}

function expiresAtProblem(expiresAt: unknown, now: number): string | undefined {
  if (typeof expiresAt !== 'string' || !isIsoDateTime(expiresAt)) {
    return 'expiresAt must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z';
  }
  return Date.parse(expiresAt) > now ? undefined : 'expiresAt must be in the future';
}
