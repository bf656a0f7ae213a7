/**
 * The KILL_REQUEST two-step of the send tool. Chat can auto-approve a tool once the user
 * chose "Always allow", so a kill is never sent on the first call: that call returns a
 * preview and a one-time token bound to the exact request and to the server object (a new
 * server or key is a new object). Only a second call with the same request and token,
 * within TOKEN_LIFETIME_MS and while that server is still the active one, sends. A token
 * is spent by any attempt to redeem it, matching or not. No vscode import: unit-tested.
 */
import type { SendMessageRequest } from '../api/types';
import { systemClock, type Clock } from '../util/clock';

export const TOKEN_LIFETIME_MS = 5 * 60_000;
/** Unredeemed tokens kept at most; the oldest is dropped first. */
const MAX_TOKENS = 20;

export type TokenCheck = 'ok' | 'unknown' | 'expired' | 'otherRequest' | 'otherServer';

interface Issued<S> {
  server: S;
  request: string;
  expiresAt: number;
}

/** The request's identity: field order and absent fields do not matter, every value does. */
function requestKey(request: SendMessageRequest): string {
  return JSON.stringify([request.scraperName, request.messageType, request.message ?? null, request.expiresAt ?? null]);
}

export class KillConfirmations<S extends object> {
  private readonly issued = new Map<string, Issued<S>>();

  /** Replaceable only through the testing API, so tests move time by hand. */
  constructor(public clock: Clock = systemClock) {}

  issue(server: S, request: SendMessageRequest): { token: string; expiresAt: number } {
    const token = `kill-${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(9))).toString('base64url')}`;
    const expiresAt = this.clock.now() + TOKEN_LIFETIME_MS;
    this.issued.set(token, { server, request: requestKey(request), expiresAt });
    while (this.issued.size > MAX_TOKENS) {
      this.issued.delete(this.issued.keys().next().value as string);
    }
    return { token, expiresAt };
  }

  /** What redeeming `token` now would say, without spending it (for the confirmation text). */
  check(token: string, server: S, request: SendMessageRequest): TokenCheck {
    const entry = this.issued.get(token);
    if (!entry) {
      return 'unknown';
    }
    if (this.clock.now() > entry.expiresAt) {
      return 'expired';
    }
    if (entry.server !== server) {
      return 'otherServer';
    }
    return entry.request === requestKey(request) ? 'ok' : 'otherRequest';
  }

  /** Spends `token`: whatever the answer, it cannot be used again. */
  redeem(token: string, server: S, request: SendMessageRequest): TokenCheck {
    const result = this.check(token, server, request);
    this.issued.delete(token);
    return result;
  }
}
