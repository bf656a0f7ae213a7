/**
 * Reading an answer's body and telling a success body from an error answer or garbage.
 * The body is read whole (never more than the cap) before anything of it is used, so a
 * cut-off answer is never half shown.
 */
import * as l10n from '@vscode/l10n';
import type { FetchResponse } from 'ofetch';
import { badResponse, errorFromResponse } from './errorMapping';
import type { ScrapeHubError } from './errors';
import { asErrorResponse, isObject } from './responseShapes';
import type { ScraperMessage } from './types';
import { deserializeParsed, fromColumns } from './worker/messagesWire';
import type { BodyParser } from './worker/parseWorkerClient';

/** About 1,000 messages: from here on a getMessages body is parsed in the worker, when there is one. */
const WORKER_MIN_BYTES = 200_000;

/** Bodies whose messages the worker already checked (with the same checkMessages). */
const checkedInWorker = new WeakSet<Record<string, unknown>>();
const utf8 = new TextDecoder();

/**
 * Every byte of the body, refused as soon as it is known to exceed `cap`: at once from
 * Content-Length, else while streaming, without keeping more than `cap` bytes.
 */
export async function readCapped(
  response: FetchResponse<ReadableStream<Uint8Array>>,
  cap: number,
  tooLarge: () => ScrapeHubError,
): Promise<ArrayBuffer> {
  if (Number(response.headers.get('content-length')) > cap) {
    throw tooLarge();
  }
  const stream = response._data;
  if (!stream) {
    return new ArrayBuffer(0);
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > cap) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

/** JSON.parse(text), or undefined when the body is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The success body, or the right ScrapeHubError for an error answer or a body that is not one. */
export function checkedBody(operation: string, status: number, headers: Headers, text: string, body: unknown): Record<string, unknown> {
  const errorBody = asErrorResponse(body);
  if (status >= 400 || errorBody) {
    throw errorFromResponse(operation, status, errorBody, headers.get('retry-after'));
  }
  if (body === undefined) {
    const looksLikeHtml = /^\s*</.test(text);
    const problem = looksLikeHtml
      ? l10n.t('It returned an HTML page (a proxy or captive-portal login?)')
      : text === ''
        ? l10n.t('The body was empty.')
        : l10n.t('The body is not valid JSON.');
    throw badResponse(operation, status, problem);
  }
  if (!isObject(body) || body.success !== true) {
    throw badResponse(operation, status, l10n.t('"success" is not true.'));
  }
  return body;
}

/**
 * The body as text for the usual checks — or, for a large success answer the worker
 * (`parser`, given only for a 2xx getMessages) could parse and check, the finished body.
 */
export async function decodeBody(
  bytes: ArrayBuffer,
  parser: BodyParser | undefined,
): Promise<{ body?: Record<string, unknown>; text: string }> {
  if (parser && bytes.byteLength >= WORKER_MIN_BYTES) {
    const reply = await parser.parse(bytes);
    if (reply?.kind === 'messages') {
      const { rest, columns } = deserializeParsed(reply.payload);
      const body: Record<string, unknown> = { ...rest, messages: fromColumns(columns) };
      checkedInWorker.add(body);
      // Rebuilding a large answer here and grouping it for the view take tens of ms each
      // (about 40 and 90 ms for 50,000 messages): a turn of the event loop between them
      // keeps the host from being blocked for both at once.
      await new Promise((resolve) => setImmediate(resolve));
      return { body, text: '' };
    }
    if (reply?.kind === 'text') {
      return { text: reply.text };
    }
  }
  return { text: utf8.decode(bytes) };
}

/** The messages of a body decodeBody got from the worker, already checked there. */
export function checkedByWorker(body: Record<string, unknown>): { ok: true; value: ScraperMessage[] } | undefined {
  return checkedInWorker.has(body) ? { ok: true, value: body.messages as ScraperMessage[] } : undefined;
}
