/**
 * The one error type the ScrapeHub client throws. Everything above the client (tree,
 * commands, poller) decides what to do from `kind`, never from HTTP details.
 */
export type ScrapeHubErrorKind =
  /** 401, or an ErrorResponse saying the key is invalid. */
  | 'unauthorized'
  /** 403: the key is valid but not allowed to do this. */
  | 'forbidden'
  /** 400 / VALIDATION_ERROR: the request was rejected as invalid. */
  | 'validation'
  | 'notFound'
  /** 409 on acknowledge: someone acknowledged it first. */
  | 'conflict'
  /** 429 or 503 with a Retry-After. */
  | 'rateLimited'
  /** Any other 5xx, or an ErrorResponse we have no better word for. */
  | 'server'
  /** Connection refused, DNS, TLS, reset. */
  | 'network'
  | 'timeout'
  /** Cancelled by us (view closed, extension deactivated). */
  | 'aborted'
  /** The body was not JSON, or not the shape the contract promises. */
  | 'badResponse'
  /** The server answered with a redirect; we never follow one with the key attached. */
  | 'redirect'
  /** No server or no key configured. */
  | 'notConfigured'
  /**
   * The server or key this action was started for is no longer the active one (Switch
   * Server here or in another window, a key change): the request was not sent.
   */
  | 'serverChanged';

export interface ScrapeHubErrorDetails {
  status?: number;
  /** The server's machine-readable `code`, when it sent an ErrorResponse. */
  code?: string;
  traceId?: string;
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /**
   * The request certainly never left this machine: the connection was refused, the name
   * did not resolve, or the caller cancelled before it was sent.
   */
  notSent?: boolean;
  /** The operation, e.g. "sendMessage", for logs and messages. */
  operation?: string;
}

/** Statuses with which a server refuses a request before acting on it. */
const REFUSED_STATUSES = new Set([400, 401, 403, 422, 429, 501]);
/** What an ErrorResponse sent with a 2xx status may name to mean the same refusal. */
const REFUSED_KINDS = new Set<ScrapeHubErrorKind>(['unauthorized', 'forbidden', 'validation', 'rateLimited']);

/**
 * The one rule for "did the server act?". It is a whitelist: the server certainly did
 * not act only when
 * - the request never left (`notSent`: connection refused, DNS failure, cancelled
 *   before sending) or was refused here before sending (`notConfigured`, `serverChanged`);
 * - the server refused it: HTTP 400, 401, 403, 422, 429, 501, or 503 with a valid
 *   Retry-After; or a 2xx carrying an ErrorResponse whose code means one of those
 *   (unauthorized, forbidden, validation, rate limited).
 *
 * Everything else may have reached the server and taken effect: a timeout, a reset, an
 * abort after sending, 408, every other 5xx (520–524 from a CDN included), any other 3xx
 * or 4xx (a 404 from a gateway, a redirect), a body larger than the cap, and a 2xx whose
 * body is not JSON, whose `success` is not true without an ErrorResponse, or whose
 * required field is missing.
 */
function serverCertainlyDidNotAct(kind: ScrapeHubErrorKind, details: ScrapeHubErrorDetails): boolean {
  if (details.notSent || kind === 'notConfigured' || kind === 'serverChanged') {
    return true;
  }
  const status = details.status;
  if (status === undefined) {
    return false;
  }
  if (REFUSED_STATUSES.has(status)) {
    return true;
  }
  if (status === 503) {
    return details.retryAfterMs !== undefined;
  }
  return status >= 200 && status < 300 && REFUSED_KINDS.has(kind);
}

export class ScrapeHubError extends Error {
  readonly kind: ScrapeHubErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly traceId?: string;
  readonly retryAfterMs?: number;
  /**
   * False only when the server certainly did not act on the request (see
   * serverCertainlyDidNotAct for the exact rule). When true, a send or an
   * acknowledgement may have taken effect: reconcile with the server before offering it
   * again; never retry it blindly.
   */
  readonly mayHaveReachedServer: boolean;
  readonly operation?: string;

  constructor(kind: ScrapeHubErrorKind, message: string, details: ScrapeHubErrorDetails = {}) {
    super(message);
    this.name = 'ScrapeHubError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.traceId = details.traceId;
    this.retryAfterMs = details.retryAfterMs;
    this.mayHaveReachedServer = !serverCertainlyDidNotAct(kind, details);
    this.operation = details.operation;
  }

  /** The key is missing or rejected: fixing it needs the user to enter a key. */
  get isAuthProblem(): boolean {
    return this.kind === 'unauthorized' || this.kind === 'forbidden';
  }
}

export function isScrapeHubError(value: unknown): value is ScrapeHubError {
  return value instanceof ScrapeHubError;
}
