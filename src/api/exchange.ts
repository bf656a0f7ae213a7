/**
 * One HTTP exchange with a ScrapeHub server: the request goes out with the key, and the
 * whole answer is read, both within the timeout. A redirect is never followed and an
 * answer over the size cap is refused whole: either ends the exchange at once, the
 * connection dropped and nothing more read. Nothing is retried.
 */
import { ofetch, type $Fetch } from 'ofetch';
import { nodeFetch } from './nodeFetch';
import { errorFromTransport, fallbackText, redirectError, tooLargeError } from './errorMapping';
import { ScrapeHubError } from './errors';
import { readCapped } from './responseBody';

export const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * The most of one answer that is read. 50,000 messages take about 15 MB; anything far
 * larger is a broken or hostile server, and reading it could exhaust the extension host.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface Call {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A possibly large answer (getMessages): parsed in the worker when large. */
  bulk?: boolean;
}

/** What came back: the status, headers and every byte of the body (at most the cap). */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: ArrayBuffer;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** `fetch` defaults to node:http and node:https, as VS Code patches them (see nodeFetch.ts). */
export function httpFetcher(baseUrl: string, fetch: typeof globalThis.fetch = nodeFetch): $Fetch {
  return ofetch.create({ baseURL: baseUrl, retry: 0 }, { fetch });
}

export async function exchange(
  fetcher: $Fetch,
  call: Call,
  apiKey: string,
  options: { signal: AbortSignal | undefined; timeoutMs: number; maxBodyBytes: number },
): Promise<Answer> {
  const callerSignal = options.signal;
  if (callerSignal?.aborted) {
    throw new ScrapeHubError('aborted', fallbackText('aborted'), { operation: call.operation, notSent: true });
  }
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, options.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
  try {
    const response = await fetcher.raw<ReadableStream<Uint8Array>, 'stream'>(call.path, {
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
    const cap = options.maxBodyBytes;
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
