/**
 * Maps what came back over the wire (status, headers, body) or what went wrong on the
 * way (timeout, reset) to one ScrapeHubError with a message a person can act on.
 * Server text is kept as data (`serverMessage` in the sentence); the UI layer decides how
 * to display it safely.
 */
import * as l10n from '@vscode/l10n';
import { ScrapeHubError, type ScrapeHubErrorKind } from './errors';
import type { ErrorResponseBody } from './types';

/** Parses Retry-After: delta-seconds or an HTTP-date. Returns ms from `now`, or undefined. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) {
    return undefined;
  }
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function kindForStatus(status: number, code: string | undefined): ScrapeHubErrorKind {
  if (status === 401 || code === 'UNAUTHORIZED') return 'unauthorized';
  if (status === 403 || code === 'FORBIDDEN') return 'forbidden';
  if (status === 404 || code === 'NOT_FOUND') return 'notFound';
  if (status === 409 || code === 'ALREADY_ACKNOWLEDGED' || code === 'CONFLICT') return 'conflict';
  if (status === 429 || code === 'RATE_LIMITED') return 'rateLimited';
  if (status === 400 || status === 422 || code === 'VALIDATION_ERROR') return 'validation';
  return 'server';
}

/** Looked up when an error is made, not at load time, so it is in the display language. */
export function fallbackText(kind: ScrapeHubErrorKind): string {
  const texts: Record<ScrapeHubErrorKind, string> = {
    unauthorized: l10n.t('The server rejected the API key.'),
    forbidden: l10n.t('The server refused: this key is not allowed to do that.'),
    validation: l10n.t('The server rejected the request as invalid.'),
    notFound: l10n.t('The server does not know that item.'),
    conflict: l10n.t('Someone else changed it first.'),
    rateLimited: l10n.t('The server is busy and asked us to slow down.'),
    server: l10n.t('The server had a problem.'),
    network: l10n.t('Could not reach the server.'),
    timeout: l10n.t('The server did not answer in time.'),
    aborted: l10n.t('The request was cancelled.'),
    badResponse: l10n.t('The server sent a response that is not valid ScrapeHub data.'),
    redirect: l10n.t('The server answered with a redirect.'),
    notConfigured: l10n.t('ScrapeHub is not configured.'),
    serverChanged: l10n.t('The ScrapeHub server or API key changed before this was sent, so it was not sent.'),
  };
  return texts[kind];
}

/** An error answer from the server: HTTP error status, or `success: false` with any status. */
export function errorFromResponse(
  operation: string,
  status: number,
  body: ErrorResponseBody | undefined,
  retryAfterHeader: string | null,
): ScrapeHubError {
  const code = body?.code;
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  const kind = status === 503 && retryAfterMs !== undefined ? 'rateLimited' : kindForStatus(status, code);
  const serverText = body?.message?.trim();
  const statusText = status >= 400 ? ` (HTTP ${status}${code ? `, ${code}` : ''})` : code ? ` (${code})` : '';
  const text = `${serverText || fallbackText(kind)}${statusText}`;
  return new ScrapeHubError(kind, text, {
    status,
    code,
    traceId: body?.traceId,
    retryAfterMs,
    operation,
  });
}

export function badResponse(operation: string, status: number, problem: string): ScrapeHubError {
  return new ScrapeHubError('badResponse', l10n.t('{0} {1} (HTTP {2}).', fallbackText('badResponse'), problem, status), {
    status,
    operation,
  });
}

export function redirectError(operation: string, status: number, location: string | null): ScrapeHubError {
  let target = l10n.t('another address');
  try {
    target = location ? new URL(location).origin : target;
  } catch {
    // A relative or malformed Location: still a redirect we refuse to follow.
  }
  return new ScrapeHubError(
    'redirect',
    l10n.t(
      'The server redirected to {0}. Redirects are not followed, so your API key is never sent elsewhere; set the final URL as the server URL.',
      target,
    ),
    { status, operation },
  );
}

/** Codes with which a request certainly never left: refused, or the name did not resolve. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/**
 * Errors while sending or reading: timeout, abort, DNS, refused, reset, TLS. Only the
 * codes in NOT_SENT_CODES say the server never got the request; see errors.ts.
 */
export function errorFromTransport(operation: string, cause: unknown, timedOut: boolean, aborted: boolean): ScrapeHubError {
  if (timedOut) {
    return new ScrapeHubError('timeout', fallbackText('timeout'), { operation });
  }
  if (aborted) {
    return new ScrapeHubError('aborted', fallbackText('aborted'), { operation });
  }
  const code = transportErrorCode(cause);
  const detail = code ? ` (${code})` : '';
  return new ScrapeHubError('network', `${fallbackText('network')}${detail}`, {
    operation,
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
  });
}

function transportErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An answer over the size cap: refused whole, so nothing of a cut-off body is ever shown. */
export function tooLargeError(operation: string, status: number, capBytes: number): ScrapeHubError {
  const megabytes = Math.max(1, Math.round(capBytes / (1024 * 1024)));
  return new ScrapeHubError(
    'badResponse',
    l10n.t("The server's answer is larger than {0} MB, so it was not read and nothing from it was shown.", megabytes),
    {
      status,
      operation,
    },
  );
}

/** A server that echoes the key back in an error message must not make us display it. */
export function withoutKey(error: ScrapeHubError, apiKey: string | undefined): ScrapeHubError {
  if (!apiKey || !error.message.includes(apiKey)) {
    return error;
  }
  const { status, code, traceId, retryAfterMs, operation } = error;
  return new ScrapeHubError(error.kind, error.message.split(apiKey).join('••••'), {
    status,
    code,
    traceId,
    retryAfterMs,
    operation,
    notSent: !error.mayHaveReachedServer,
  });
}
