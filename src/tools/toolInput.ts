/**
 * The tools' input, checked here: VS Code does not validate it against `inputSchema`, and
 * a model may send anything. A problem is text the model can act on (which field, what
 * is allowed). Pure: unit-tested without VS Code.
 */
import * as l10n from '@vscode/l10n';
import { KNOWN_MESSAGE_TYPES, type KnownMessageType, type SendMessageRequest } from '../api/types';
import { validateCustomExpiry, validateScraperName } from '../model/sendDraft';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface ListInput {
  scraper?: string;
  type?: string;
  limit: number;
}

export interface AckInput {
  ids: string[];
}

export interface SendInput {
  request: SendMessageRequest;
  confirmationToken?: string;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;
export const MAX_ACK_IDS = 50;
/** What the contract's SendMessageRequest allows for `message` is not stated; the form keeps it short too. */
export const MAX_MESSAGE_LENGTH = 2000;

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

function asObject(input: unknown, allowed: readonly string[]): Record<string, unknown> | string {
  if (input === undefined || input === null) {
    return {};
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    return l10n.t('The input must be a JSON object.');
  }
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    return l10n.t('Unknown field(s): {0}. Allowed: {1}.', unknown.join(', '), allowed.join(', '));
  }
  return input as Record<string, unknown>;
}

function optionalString(value: unknown, field: string): string | undefined | { problem: string } {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  return typeof value === 'string' ? value : { problem: l10n.t('"{0}" must be a string.', field) };
}

export function checkListInput(input: unknown): Checked<ListInput> {
  const fields = asObject(input, ['scraper', 'type', 'limit']);
  if (typeof fields === 'string') {
    return fail(fields);
  }
  const scraper = optionalString(fields.scraper, 'scraper');
  const type = optionalString(fields.type, 'type');
  for (const value of [scraper, type]) {
    if (typeof value === 'object') {
      return fail(value.problem);
    }
  }
  const limit = fields.limit ?? DEFAULT_LIST_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    return fail(l10n.t('"limit" must be a whole number from 1 to {0}.', MAX_LIST_LIMIT));
  }
  return { ok: true, value: { scraper: (scraper as string | undefined)?.trim(), type: (type as string | undefined)?.trim(), limit } };
}

export function checkAckInput(input: unknown): Checked<AckInput> {
  const fields = asObject(input, ['ids']);
  if (typeof fields === 'string') {
    return fail(fields);
  }
  const ids = fields.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id.trim().length > 0)) {
    return fail(l10n.t('"ids" must be a non-empty array of message ids (strings), as listed by scrapehub_listPendingMessages.'));
  }
  if (ids.length > MAX_ACK_IDS) {
    return fail(l10n.t('At most {0} ids per call; this call has {1}.', MAX_ACK_IDS, ids.length));
  }
  return { ok: true, value: { ids: [...new Set(ids.map((id: string) => id.trim()))] } };
}

function isKnownType(value: unknown): value is KnownMessageType {
  return typeof value === 'string' && (KNOWN_MESSAGE_TYPES as readonly string[]).includes(value);
}

export function checkSendInput(input: unknown, now: number): Checked<SendInput> {
  const fields = asObject(input, ['scraperName', 'messageType', 'message', 'expiresAt', 'confirmationToken']);
  if (typeof fields === 'string') {
    return fail(fields);
  }
  if (typeof fields.scraperName !== 'string') {
    return fail(l10n.t('"scraperName" is required: the name of the scraper to message.'));
  }
  const nameProblem = validateScraperName(fields.scraperName);
  if (nameProblem) {
    return fail(l10n.t('"scraperName": {0}', nameProblem));
  }
  if (!isKnownType(fields.messageType)) {
    return fail(l10n.t('"messageType" must be one of: {0}.', KNOWN_MESSAGE_TYPES.join(', ')));
  }
  const request: SendMessageRequest = { scraperName: fields.scraperName.trim(), messageType: fields.messageType };
  const message = optionalString(fields.message, 'message');
  if (typeof message === 'object') {
    return fail(message.problem);
  }
  if (message !== undefined && message.trim().length > MAX_MESSAGE_LENGTH) {
    return fail(l10n.t('"message" has at most {0} characters.', MAX_MESSAGE_LENGTH));
  }
  if (message?.trim()) {
    request.message = message.trim();
  }
  const expiresAt = optionalString(fields.expiresAt, 'expiresAt');
  if (typeof expiresAt === 'object') {
    return fail(expiresAt.problem);
  }
  if (expiresAt !== undefined) {
    const expiryProblem = validateCustomExpiry(expiresAt, now);
    if (expiryProblem) {
      return fail(l10n.t('"expiresAt": {0}', expiryProblem));
    }
    request.expiresAt = new Date(Date.parse(expiresAt.trim())).toISOString();
  }
  const token = optionalString(fields.confirmationToken, 'confirmationToken');
  if (typeof token === 'object') {
    return fail(token.problem);
  }
  return { ok: true, value: { request, confirmationToken: token?.trim() } };
}
