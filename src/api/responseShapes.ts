/**
 * Shape checks for what the server sends back. We copy only the fields the contract
 * defines, so unexpected extra properties never travel further into the extension.
 * Each checker returns the typed value or a short description of what is wrong.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorResponseBody, ScraperMessage, UserSettings } from './types';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/** An ErrorResponse, recognised even when it arrives with HTTP 200. */
export function asErrorResponse(body: unknown): ErrorResponseBody | undefined {
  if (!isObject(body) || body.success === true) {
    return undefined;
  }
  if (body.success !== false && body.code === undefined) {
    return undefined;
  }
  return {
    success: false,
    code: typeof body.code === 'string' ? body.code : 'UNKNOWN',
    message: typeof body.message === 'string' ? body.message : '',
    traceId: typeof body.traceId === 'string' ? body.traceId : undefined,
  };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

export function checkMessage(value: unknown, index: number): Checked<ScraperMessage> {
  const where = `messages[${index}]`;
  if (!isObject(value)) {
    return { ok: false, problem: l10n.t('{0} is not an object', where) };
  }
  const { id, scraperId, scraperName, messageType, createdAt, message, expiresAt } = value;
  if (
    !isNonEmptyString(id) ||
    !isNonEmptyString(scraperId) ||
    !isNonEmptyString(scraperName) ||
    !isNonEmptyString(messageType) ||
    !isNonEmptyString(createdAt)
  ) {
    const field = ['id', 'scraperId', 'scraperName', 'messageType', 'createdAt'].find((name) => !isNonEmptyString(value[name]));
    return { ok: false, problem: l10n.t('{0}.{1} is missing or not a string', where, field ?? '') };
  }
  if (!isOptionalString(message) || !isOptionalString(expiresAt)) {
    return { ok: false, problem: l10n.t('{0}.message or .expiresAt is not a string', where) };
  }
  // Every copy has the same seven properties in the same order: one object shape for
  // V8, so tens of thousands of messages stay compact and fast to read.
  return { ok: true, value: { id, scraperId, scraperName, messageType, createdAt, message, expiresAt } };
}

/**
 * Checks and copies each message; the same code runs in the parse worker and on the main
 * thread, so both give the same messages and the same errors. Any string is accepted in
 * any field (a message type of any name, a text of any length: display code bounds what it
 * shows). A repeated id keeps its first message, so no row and no acknowledgement is ever
 * doubled.
 */
export function checkMessages(body: Json): Checked<ScraperMessage[]> {
  if (!Array.isArray(body.messages)) {
    return { ok: false, problem: l10n.t('"messages" is missing or not an array') };
  }
  const received: unknown[] = body.messages;
  const messages: ScraperMessage[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < received.length; i++) {
    const checked = checkMessage(received[i], i);
    if (!checked.ok) {
      return checked;
    }
    if (!seen.has(checked.value.id)) {
      seen.add(checked.value.id);
      messages.push(checked.value);
    }
  }
  return { ok: true, value: messages };
}

export function checkUserSettings(body: Json): Checked<UserSettings> {
  const data = body.data;
  if (!isObject(data)) {
    return { ok: false, problem: l10n.t('"data" is missing or not an object') };
  }
  if (typeof data.username !== 'string' || typeof data.email !== 'string') {
    return { ok: false, problem: l10n.t('"data.username" or "data.email" is missing') };
  }
  if (!Array.isArray(data.roles) || !data.roles.every((role) => typeof role === 'string')) {
    return { ok: false, problem: l10n.t('"data.roles" is missing or not a list of strings') };
  }
  const assignments = data.scraperAssignments;
  if (assignments !== undefined && (!Array.isArray(assignments) || !assignments.every((name) => typeof name === 'string'))) {
    return { ok: false, problem: l10n.t('"data.scraperAssignments" is not a list of strings') };
  }
  return {
    ok: true,
    value: {
      username: data.username,
      email: data.email,
      roles: data.roles,
      scraperAssignments: assignments,
      fullname: typeof data.fullname === 'string' ? data.fullname : undefined,
      settings: isObject(data.settings) ? data.settings : undefined,
    },
  };
}

export function checkRequiredString(body: Json, field: string): Checked<string> {
  const value = body[field];
  return typeof value === 'string' && value !== ''
    ? { ok: true, value }
    : { ok: false, problem: l10n.t('"{0}" is missing or not a string', field) };
}
