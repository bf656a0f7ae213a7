/**
 * Typed client for the ScrapeHub messaging API. Knows nothing of VS Code: it gets a
 * server address and a way to look up the key for that address's origin, and returns
 * typed data or throws a ScrapeHubError.
 *
 * Safety rules enforced here and in exchange.ts, whatever the caller does:
 * - the key is only ever attached to requests for `address.origin`;
 * - redirects are never followed (a 30x ends in an error), so the key cannot be
 *   forwarded to another origin or downgraded to http;
 * - nothing is retried automatically: a POST must never reach the server twice;
 * - every request has a timeout and can be aborted by the caller.
 */
import * as l10n from '@vscode/l10n';
import type { $Fetch } from 'ofetch';
import { badResponse, errorFromTransport, fallbackText, withoutKey } from './errorMapping';
import { ScrapeHubError } from './errors';
import { httpFetcher, exchange, isSuccess, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type Answer, type Call } from './exchange';
import { checkedBody, checkedByWorker, decodeBody, parseJson } from './responseBody';
import { checkMessages, checkRequiredString, checkUserSettings, type Checked } from './responseShapes';
import { SameAnswerMemo, digestOf } from './sameAnswer';
import type { ServerAddress } from './serverUrl';
import type { AckMessageResult, ScraperMessage, SendMessageRequest, SendMessageResult, UserSettings } from './types';
import type { BodyParser } from './worker/parseWorkerClient';

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

export class ScrapeHubClient {
  private readonly fetcher: $Fetch;
  private readonly lastMessages = new SameAnswerMemo<readonly ScraperMessage[]>();

  constructor(private readonly options: ScrapeHubClientOptions) {
    this.fetcher = httpFetcher(options.address.baseUrl, options.fetch);
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
      const configured = this.options.timeoutMs;
      const answer = await exchange(this.fetcher, call, apiKey, {
        signal: options.signal,
        timeoutMs: (typeof configured === 'function' ? configured() : configured) ?? DEFAULT_TIMEOUT_MS,
        maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      });
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
}
