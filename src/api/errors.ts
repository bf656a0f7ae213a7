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
   * True when the request may have reached the server and taken effect even though we
   * got no answer (timeout or connection loss after sending). Callers must not retry a
   * non-idempotent request like sendMessage blindly when this is set.
   */
  mayHaveReachedServer?: boolean;
  /** The operation, e.g. "sendMessage", for logs and messages. */
  operation?: string;
}

export class ScrapeHubError extends Error {
  readonly kind: ScrapeHubErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly traceId?: string;
  readonly retryAfterMs?: number;
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
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? false;
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
