/**
 * Typed client for the ScrapeHub messaging API. Knows nothing of VS Code: it gets a
 * server address and a way to look up the key for that address's origin, and returns
 * typed data or throws a ScrapeHubError.
 *
 * Safety rules enforced here, whatever the caller does:
 * - the key is only ever attached to requests for `address.origin`;
 * - redirects are never followed (a 30x ends in an error), so the key cannot be
 *   forwarded to another origin or downgraded to http;
 * - nothing is retried automatically: a POST must never reach the server twice;
 * - every request has a timeout and can be aborted by the caller.
 */
import * as l10n from '@vscode/l10n';
import { ofetch, type $Fetch } from 'ofetch';
import { badResponse, errorFromResponse, fallbackText, errorFromTransport, redirectError } from './errorMapping';
import { ScrapeHubError } from './errors';
import { asErrorResponse, checkMessages, checkRequiredString, checkUserSettings, isObject, type Checked } from './responseShapes';
import type { ServerAddress } from './serverUrl';
import { nextTask } from '../util/slices';
import { parseJsonInSlices } from './jsonInSlices';
import type { AckMessageResult, ScraperMessage, SendMessageRequest, SendMessageResult, UserSettings } from './types';
import { deserializeParsed, fromColumns } from './worker/messagesWire';
import type { BodyParser } from './worker/parseWorkerClient';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** About 20,000 messages: above this, the body is parsed in slices (see jsonInSlices.ts). */
const LARGE_BODY_CHARS = 4_000_000;
/** About 1,000 messages: from here on a getMessages body is parsed in the worker, when there is one. */
const WORKER_MIN_BYTES = 200_000;

/** Bodies whose messages the worker already checked (with the same checkMessage). */
const checkedInWorker = new WeakSet<Record<string, unknown>>();
const utf8 = new TextDecoder();

/** One finished HTTP exchange, for the log. Never contains the key. */
export interface ExchangeRecord {
  method: 'GET' | 'POST';
  path: string;
  status?: number;
  durationMs: number;
  error?: ScrapeHubError;
}

export interface ScrapeHubClientOptions {
  address: ServerAddress;
  /** Looks up the key stored for exactly this origin. */
  getApiKey: (origin: string) => Promise<string | undefined>;
  /** Per request; read at each request, so a setting change applies at once. */
  timeoutMs?: number | (() => number);
  onExchange?: (record: ExchangeRecord) => void;
  /**
   * False once the server or key this client was built for is no longer the one the user
   * chose: every request checks it right before it goes out, so an action started for one
   * server can never reach another, whichever caller started it.
   */
  isCurrent?: () => boolean;
  /** Injected for tests of transport failures; defaults to the global fetch (VS Code's proxy-aware one). */
  fetch?: typeof globalThis.fetch;
  /**
   * Parses large getMessages bodies off the main thread (see worker/parseWorker.ts). The
   * request itself always goes through `fetch` here, on the main thread.
   */
  bodyParser?: BodyParser;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Adds the milliseconds spent waiting — for the key from SecretStorage, then for the
   * server until the whole body arrived — to `waitingMs`, so the caller can tell its own
   * processing time apart (see MessageStore).
   */
  timings?: { waitingMs: number; workerMs?: number };
}

interface Call {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A possibly large answer (getMessages): read as bytes, parsed in the worker when large. */
  bulk?: boolean;
}

export class ScrapeHubClient {
  private readonly fetcher: $Fetch;

  constructor(private readonly options: ScrapeHubClientOptions) {
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.fetcher = ofetch.create({ baseURL: options.address.baseUrl, retry: 0 }, { fetch: fetchImpl });
  }

  get address(): ServerAddress {
    return this.options.address;
  }

  /** Pending messages; all the user may see when `scraperName` is omitted. */
  async getMessages(scraperName?: string, options?: CallOptions): Promise<ScraperMessage[]> {
    const query = scraperName === undefined ? undefined : { scraperName };
    const body = await this.call({ operation: 'getMessages', method: 'GET', path: '/getMessages', query, bulk: true }, options);
    if (checkedInWorker.has(body)) {
      return body.messages as ScraperMessage[];
    }
    // A new task after JSON.parse: parsing and checking a huge answer are two slices, not one.
    await nextTask();
    return this.unwrap('getMessages', await checkMessages(body));
  }

  async sendMessage(request: SendMessageRequest, options?: CallOptions): Promise<SendMessageResult> {
    const body = await this.call({ operation: 'sendMessage', method: 'POST', path: '/sendMessage', body: request }, options);
    const messageId = this.unwrap('sendMessage', checkRequiredString(body, 'messageId'));
    return { messageId, message: typeof body.message === 'string' ? body.message : undefined };
  }

  async ackMessage(messageId: string, options?: CallOptions): Promise<AckMessageResult> {
    const body = await this.call({ operation: 'ackMessage', method: 'POST', path: '/ackMessage', body: { messageId } }, options);
    const acknowledgedAt = this.unwrap('ackMessage', checkRequiredString(body, 'acknowledgedAt'));
    return { acknowledgedAt, message: typeof body.message === 'string' ? body.message : undefined };
  }

  async getUserSettings(options?: CallOptions): Promise<UserSettings> {
    const body = await this.call({ operation: 'userSettings', method: 'GET', path: '/userSettings' }, options);
    return this.unwrap('userSettings', checkUserSettings(body));
  }

  async getVersion(options?: CallOptions): Promise<string> {
    const body = await this.call({ operation: 'version', method: 'GET', path: '/version' }, options);
    return this.unwrap('version', checkRequiredString(body, 'version'));
  }

  private unwrap<T>(operation: string, checked: Checked<T>): T {
    if (!checked.ok) {
      throw badResponse(operation, 200, checked.problem);
    }
    return checked.value;
  }

  private async call(call: Call, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const started = Date.now();
    let status: number | undefined;
    let apiKey: string | undefined;
    const waitStarted = performance.now();
    try {
      apiKey = await this.options.getApiKey(this.options.address.origin);
      if (!apiKey) {
        throw new ScrapeHubError('notConfigured', l10n.t('No API key is stored for {0}.', this.options.address.origin), {
          operation: call.operation,
        });
      }
      if (this.options.isCurrent && !this.options.isCurrent()) {
        throw new ScrapeHubError('serverChanged', fallbackText('serverChanged'), { operation: call.operation });
      }
      const response = await this.send(call, apiKey, options.signal);
      if (options.timings) {
        options.timings.waitingMs += performance.now() - waitStarted;
      }
      status = response.status;
      if ((status >= 300 && status < 400) || status === 0) {
        throw redirectError(call.operation, status, response.headers.get('location'));
      }
      const read = await this.readBody(call, response, options.timings);
      const body = read.body ?? checkedBody(call.operation, status, response.headers, read.text, await parseJson(read.text));
      this.options.onExchange?.({ method: call.method, path: call.path, status, durationMs: Date.now() - started });
      return body;
    } catch (error) {
      const mapped = error instanceof ScrapeHubError ? error : errorFromTransport(call.operation, error, false, false);
      const failure = withoutKey(mapped, apiKey);
      this.options.onExchange?.({ method: call.method, path: call.path, status, durationMs: Date.now() - started, error: failure });
      throw failure;
    }
  }

  /**
   * The body as text for the usual checks — or, for a large getMessages success answer
   * the worker could parse and check, the finished body.
   */
  private async readBody(call: Call, response: { status: number; _data?: unknown }, timings: CallOptions['timings']): Promise<{ body?: Record<string, unknown>; text: string }> {
    const data = response._data;
    if (!(data instanceof ArrayBuffer)) {
      return { text: typeof data === 'string' ? data : '' };
    }
    const parser = this.options.bodyParser;
    if (call.bulk && parser && response.status >= 200 && response.status < 300 && data.byteLength >= WORKER_MIN_BYTES) {
      const started = performance.now();
      const reply = await parser.parse(data);
      if (timings) {
        // The main thread was free meanwhile: this is waiting, shown apart as the worker's time.
        const elapsed = performance.now() - started;
        timings.waitingMs += elapsed;
        timings.workerMs = (timings.workerMs ?? 0) + elapsed;
      }
      if (reply?.kind === 'messages') {
        const { rest, columns } = deserializeParsed(reply.payload);
        const body: Record<string, unknown> = { ...rest, messages: fromColumns(columns) };
        checkedInWorker.add(body);
        return { body, text: '' };
      }
      if (reply?.kind === 'text') {
        return { text: reply.text };
      }
    }
    return { text: utf8.decode(data) };
  }

  private async send(call: Call, apiKey: string, callerSignal: AbortSignal | undefined) {
    const configured = this.options.timeoutMs;
    const timeoutMs = (typeof configured === 'function' ? configured() : configured) ?? DEFAULT_TIMEOUT_MS;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    try {
      return await this.fetcher.raw<string | ArrayBuffer, 'text' | 'arrayBuffer'>(call.path, {
        method: call.method,
        query: call.query,
        body: call.body as Record<string, unknown> | undefined,
        headers: { 'x-api-key': apiKey, accept: 'application/json' },
        redirect: 'manual',
        signal,
        responseType: call.bulk ? 'arrayBuffer' : 'text',
        ignoreResponseError: true,
        retry: 0,
      });
    } catch (error) {
      throw errorFromTransport(call.operation, error, timeout.signal.aborted, callerSignal?.aborted ?? false);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * JSON.parse(text), or undefined when the body is empty or not JSON. A huge body is parsed
 * in slices, starting in a task after the one that read it.
 */
async function parseJson(text: string): Promise<unknown> {
  if (text === '') {
    return undefined;
  }
  try {
    if (text.length <= LARGE_BODY_CHARS) {
      return JSON.parse(text);
    }
    await nextTask();
    return await parseJsonInSlices(text);
  } catch {
    return undefined;
  }
}

/** The success body, or the right ScrapeHubError for an error answer or a body that is not one. */
function checkedBody(operation: string, status: number, headers: Headers, text: string, body: unknown): Record<string, unknown> {
  const errorBody = asErrorResponse(body);
  if (status >= 400 || errorBody) {
    throw errorFromResponse(operation, status, errorBody, headers.get('retry-after'));
  }
  if (body === undefined) {
    const looksLikeHtml = /^\s*</.test(text);
    const problem = looksLikeHtml
      ? l10n.t('It returned an HTML page (a proxy or captive-portal login?)')
      : text === '' ? l10n.t('The body was empty.') : l10n.t('The body is not valid JSON.');
    throw badResponse(operation, status, problem);
  }
  if (!isObject(body) || body.success !== true) {
    throw badResponse(operation, status, l10n.t('"success" is not true.'));
  }
  return body;
}

/** A server that echoes the key back in an error message must not make us display it. */
function withoutKey(error: ScrapeHubError, apiKey: string | undefined): ScrapeHubError {
  if (!apiKey || !error.message.includes(apiKey)) {
    return error;
  }
  return new ScrapeHubError(error.kind, error.message.split(apiKey).join('••••'), error);
}
