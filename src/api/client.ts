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
import { badResponse, errorFromTransport, fallbackText, redirectError, tooLargeError, withoutKey } from './errorMapping';
import { ScrapeHubError } from './errors';
import { nodeFetch } from './nodeFetch';
import { checkedBody, checkedByWorker, decodeBody, parseJson, readCapped } from './responseBody';
import { checkMessages, checkRequiredString, checkUserSettings, type Checked } from './responseShapes';
import { SameAnswerMemo, digestOf } from './sameAnswer';
import type { ServerAddress } from './serverUrl';
import type { AckMessageResult, ScraperMessage, SendMessageRequest, SendMessageResult, UserSettings } from './types';
import type { BodyParser } from './worker/parseWorkerClient';

export const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * The most of one answer that is read. 50,000 messages take about 15 MB; anything far
 * larger is a broken or hostile server, and reading it could exhaust the extension host.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

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
  /** Default DEFAULT_MAX_BODY_BYTES; an answer larger than this is refused whole. */
  maxBodyBytes?: number;
  onExchange?: (record: ExchangeRecord) => void;
  /**
   * False once the server or key this client was built for is no longer the one the user
   * chose: every request checks it right before it goes out, so an action started for one
   * server can never reach another, whichever caller started it.
   */
  isCurrent?: () => boolean;
  /** Injected for tests of transport failures; defaults to node:http and node:https (see nodeFetch.ts). */
  fetch?: typeof globalThis.fetch;
  /**
   * Parses large getMessages bodies off the main thread (see worker/parseWorker.ts). The
   * request itself always goes through `fetch` here, on the main thread.
   */
  bodyParser?: BodyParser;
}

export interface CallOptions {
  signal?: AbortSignal;
}

interface Call {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A possibly large answer (getMessages): parsed in the worker when large. */
  bulk?: boolean;
}

/** What came back: the status, headers and every byte of the body (at most the cap). */
interface Answer {
  status: number;
  headers: Headers;
  bytes: ArrayBuffer;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export class ScrapeHubClient {
  private readonly fetcher: $Fetch;
  private readonly lastMessages = new SameAnswerMemo<readonly ScraperMessage[]>();

  constructor(private readonly options: ScrapeHubClientOptions) {
    this.fetcher = ofetch.create({ baseURL: options.address.baseUrl, retry: 0 }, { fetch: options.fetch ?? nodeFetch });
  }

  get address(): ServerAddress {
    return this.options.address;
  }

  /**
   * Pending messages; all the user may see when `scraperName` is omitted. An answer byte for
   * byte the last one to the same request gives the same array again, unparsed: it is
   * shared, so nobody may change it.
   */
  async getMessages(scraperName?: string, options?: CallOptions): Promise<readonly ScraperMessage[]> {
    const query = scraperName === undefined ? undefined : { scraperName };
    const request = new URLSearchParams(query).toString();
    const call: Call = { operation: 'getMessages', method: 'GET', path: '/getMessages', query, bulk: true };
    try {
      return await this.call(call, options, async (answer) => {
        const digest = isSuccess(answer.status) ? digestOf(answer.bytes) : undefined;
        const same = digest === undefined ? undefined : this.lastMessages.get(request, digest);
        if (same) {
          return same;
        }
        const body = await this.bodyOf(call, answer);
        const messages = this.unwrap('getMessages', checkedByWorker(body) ?? checkMessages(body));
        if (digest !== undefined) {
          this.lastMessages.remember(request, digest, messages);
        }
        return messages;
      });
    } catch (error) {
      this.lastMessages.forget(request);
      throw error;
    }
  }

  async sendMessage(request: SendMessageRequest, options?: CallOptions): Promise<SendMessageResult> {
    const body = await this.json({ operation: 'sendMessage', method: 'POST', path: '/sendMessage', body: request }, options);
    const messageId = this.unwrap('sendMessage', checkRequiredString(body, 'messageId'));
    return { messageId, message: typeof body.message === 'string' ? body.message : undefined };
  }

  async ackMessage(messageId: string, options?: CallOptions): Promise<AckMessageResult> {
    const body = await this.json({ operation: 'ackMessage', method: 'POST', path: '/ackMessage', body: { messageId } }, options);
    const acknowledgedAt = this.unwrap('ackMessage', checkRequiredString(body, 'acknowledgedAt'));
    return { acknowledgedAt, message: typeof body.message === 'string' ? body.message : undefined };
  }

  async getUserSettings(options?: CallOptions): Promise<UserSettings> {
    const body = await this.json({ operation: 'userSettings', method: 'GET', path: '/userSettings' }, options);
    return this.unwrap('userSettings', checkUserSettings(body));
  }

  async getVersion(options?: CallOptions): Promise<string> {
    const body = await this.json({ operation: 'version', method: 'GET', path: '/version' }, options);
    return this.unwrap('version', checkRequiredString(body, 'version'));
  }

  private unwrap<T>(operation: string, checked: Checked<T>): T {
    if (!checked.ok) {
      throw badResponse(operation, 200, checked.problem);
    }
    return checked.value;
  }

  /** A request whose answer is one JSON object, checked as every answer is. */
  private json(call: Call, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.call(call, options, (answer) => this.bodyOf(call, answer));
  }

  /** Sends the request, turns the answer into a result with `read`, and logs the exchange. */
  private async call<T>(call: Call, options: CallOptions = {}, read: (answer: Answer) => Promise<T>): Promise<T> {
    const started = Date.now();
    let status: number | undefined;
    let apiKey: string | undefined;
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
      const answer = await this.exchange(call, apiKey, options.signal);
      status = answer.status;
      const result = await read(answer);
      this.options.onExchange?.({ method: call.method, path: call.path, status, durationMs: Date.now() - started });
      return result;
    } catch (error) {
      const mapped = error instanceof ScrapeHubError ? error : errorFromTransport(call.operation, error, false, false);
      const failure = withoutKey(mapped, apiKey);
      this.options.onExchange?.({ method: call.method, path: call.path, status, durationMs: Date.now() - started, error: failure });
      throw failure;
    }
  }

  /** The success body, or the ScrapeHubError the answer means. */
  private async bodyOf(call: Call, answer: Answer): Promise<Record<string, unknown>> {
    const read = await decodeBody(answer.bytes, call.bulk && isSuccess(answer.status) ? this.options.bodyParser : undefined);
    return read.body ?? checkedBody(call.operation, answer.status, answer.headers, read.text, parseJson(read.text));
  }

  /**
   * Sends the request and reads the whole answer, both within the timeout. A redirect or
   * an answer over the size cap ends the exchange at once: the connection is dropped and
   * nothing more is read.
   */
  private async exchange(call: Call, apiKey: string, callerSignal: AbortSignal | undefined): Promise<Answer> {
    if (callerSignal?.aborted) {
      throw new ScrapeHubError('aborted', fallbackText('aborted'), { operation: call.operation, notSent: true });
    }
    const configured = this.options.timeoutMs;
    const timeoutMs = (typeof configured === 'function' ? configured() : configured) ?? DEFAULT_TIMEOUT_MS;
    const stop = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop.abort();
    }, timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
    try {
      const response = await this.fetcher.raw<ReadableStream<Uint8Array>, 'stream'>(call.path, {
        method: call.method,
        query: call.query,
        body: call.body as Record<string, unknown> | undefined,
        headers: { 'x-api-key': apiKey, accept: 'application/json' },
        redirect: 'manual',
        signal,
        responseType: 'stream',
        ignoreResponseError: true,
        retry: 0,
      });
      const status = response.status;
      if ((status >= 300 && status < 400) || status === 0) {
        throw redirectError(call.operation, status, response.headers.get('location'));
      }
      const cap = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const bytes = await readCapped(response, cap, () => tooLargeError(call.operation, status, cap));
      return { status, headers: response.headers, bytes };
    } catch (error) {
      if (error instanceof ScrapeHubError) {
        throw error;
      }
      throw errorFromTransport(call.operation, error, timedOut, callerSignal?.aborted ?? false);
    } finally {
      clearTimeout(timer);
      // Drops the connection of an answer left unread (redirect, over the cap); a no-op once read.
      stop.abort();
    }
  }
}
