/**
 * The two ScrapeHub servers of the model-based test, their accounts and the faults the
 * test can inject. Both serve the same demo seed, so message ids (m-1, m-2, …) exist on
 * both: an acknowledgement posted to the wrong server acknowledges a real message there,
 * which the servers' records show.
 */
import type { Fault, ServerUser } from '../../server/scrapeHubServer';

export type ServerName = 'alpha' | 'beta';
export const SERVER_NAMES: readonly ServerName[] = ['alpha', 'beta'];
export const otherServer = (name: ServerName): ServerName => (name === 'alpha' ? 'beta' : 'alpha');

/** operator: assigned to some scrapers; admin: sees and messages all; rejected: no account (401). */
export type KeyRole = 'operator' | 'admin' | 'rejected';
export const KEY_ROLES: readonly KeyRole[] = ['operator', 'admin', 'rejected'];

/**
 * Each key is valid on one server only, so a key that travels to the other one shows in
 * its records. The operator has two equivalent keys: each sequence starts by storing the
 * other one, which makes the extension rebuild its connection (a clean store) at the
 * cost of a secret write rather than a settings write.
 */
export const keyFor = (server: ServerName, role: KeyRole, variant = 0): string =>
  `${server}-${role}-key${variant === 0 ? '' : `-${variant}`}`;

export function usersOf(server: ServerName): ServerUser[] {
  const operator = {
    username: `${server}-ada`,
    email: 'ada@example.com',
    roles: ['operator'],
    scraperAssignments: ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
  };
  return [
    { apiKey: keyFor(server, 'operator', 0), ...operator },
    {
      apiKey: keyFor(server, 'operator', 1),
      ...operator,
      roles: [...operator.roles],
      scraperAssignments: [...operator.scraperAssignments],
    },
    { apiKey: keyFor(server, 'admin'), username: `${server}-root`, email: 'root@example.com', roles: ['admin'], scraperAssignments: [] },
  ];
}

/** Scrapers a send may target; the operator is not assigned to internal-audit (403). */
export const SCRAPERS = ['acme-prices', 'news-crawler', 'weather-feed', 'internal-audit'] as const;

export const OPERATIONS = ['getMessages', 'sendMessage', 'ackMessage'] as const;
export type FaultOperation = (typeof OPERATIONS)[number];

/** What the next matching request meets. "after" faults let the server act first. */
export const FAULTS = {
  fail500: { status: 500 },
  dropped: { destroySocket: true },
  hang: { hang: true },
  notFound: { status: 404 },
  after500: { afterHandling: true, status: 500 },
  afterHang: { afterHandling: true, hang: true },
  afterDropped: { afterHandling: true, destroySocket: true },
  afterBadJson: { afterHandling: true, status: 200, body: '{"success":tr' },
  afterNoField: { afterHandling: true, status: 200, body: { success: true } },
  tooMany429: { status: 429, headers: { 'Retry-After': '1' } },
  busy503: { status: 503, headers: { 'Retry-After': '1' } },
  slow: { delayMs: 120 },
} satisfies Record<string, Fault>;
export type FaultKind = keyof typeof FAULTS;
export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];
