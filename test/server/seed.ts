import type { NewMessage } from './store';
import type { GeneratedSeed, ServerUser } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** demo-key: an operator; admin-key: an admin; outsider-key: sees no pending messages. */
export const DEMO_USERS: ServerUser[] = [
  {
    apiKey: 'demo-key',
    username: 'ada',
    email: 'ada@example.com',
    fullname: 'Ada Operator',
    roles: ['operator'],
    scraperAssignments: ['acme-prices', 'news-crawler', 'shop-inventory', 'weather-feed'],
  },
  {
    apiKey: 'admin-key',
    username: 'root',
    email: 'root@example.com',
    fullname: 'Root Admin',
    roles: ['admin', 'operator'],
    scraperAssignments: ['acme-prices'],
  },
  {
    apiKey: 'outsider-key',
    username: 'olga',
    email: 'olga@example.com',
    fullname: 'Olga Outsider',
    roles: ['operator'],
    scraperAssignments: ['weather-feed'],
  },
];

/** Copies, so a test that edits a user never changes the seed for the next test. */
export function cloneUsers(users: readonly ServerUser[]): ServerUser[] {
  return users.map((user) => ({ ...user, roles: [...user.roles], scraperAssignments: [...user.scraperAssignments] }));
}

/**
 * Oldest first, so ids grow with createdAt. Ada sees 5 pending messages, root also the
 * 'internal-audit' one; the acknowledged and the expired message must never be returned.
 */
export function demoMessages(now: number): NewMessage[] {
  const at = (offset: number) => new Date(now + offset).toISOString();
  return [
    {
      scraperName: 'news-crawler',
      messageType: 'KILL_REQUEST',
      message: 'stop: rate limited',
      createdAt: at(-6 * HOUR),
      expiresAt: at(-5 * HOUR),
      sentBy: 'ada',
    },
    {
      scraperName: 'acme-prices',
      messageType: 'START',
      message: 'morning run',
      createdAt: at(-5 * HOUR),
      acknowledgedAt: at(-4.5 * HOUR),
      sentBy: 'ada',
    },
    { scraperName: 'internal-audit', messageType: 'START', message: 'quarterly audit crawl', createdAt: at(-4 * HOUR), sentBy: 'root' },
    { scraperName: 'acme-prices', messageType: 'START', message: 'nightly run', createdAt: at(-3 * HOUR), sentBy: 'root' },
    { scraperName: 'news-crawler', messageType: 'START', createdAt: at(-2 * HOUR), sentBy: 'ada' },
    {
      scraperName: 'shop-inventory',
      messageType: 'KILL_REQUEST',
      message: 'proxy pool exhausted',
      createdAt: at(-90 * MINUTE),
      sentBy: 'ada',
    },
    {
      scraperName: 'news-crawler',
      messageType: 'START',
      message: 're-crawl front page',
      createdAt: at(-45 * MINUTE),
      expiresAt: at(24 * HOUR),
      sentBy: 'ada',
    },
    {
      scraperName: 'acme-prices',
      messageType: 'KILL_REQUEST',
      message: 'stop: site maintenance',
      createdAt: at(-20 * MINUTE),
      expiresAt: at(HOUR),
      sentBy: 'root',
    },
  ];
}

export function generatedScraperNames(count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `scraper-${String(i + 1).padStart(width, '0')}`);
}

/** Ada is assigned to every generated scraper; root stays the admin. */
export function generatedUsers(seed: GeneratedSeed): ServerUser[] {
  const [ada, root] = cloneUsers(DEMO_USERS);
  ada.scraperAssignments = generatedScraperNames(seed.scrapers);
  return [ada, root];
}

/**
 * Deterministic for a given clock: one message per second up to `now`, round-robin over
 * the scrapers, types alternating, every third one expiring within the next day and
 * every fifth one without text. All generated messages are pending.
 */
export function generatedMessages(seed: GeneratedSeed, now: number): NewMessage[] {
  const names = generatedScraperNames(seed.scrapers);
  if (names.length === 0 && seed.messages > 0) {
    throw new Error('A generated seed with messages needs at least one scraper');
  }
  const messages = new Array<NewMessage>(seed.messages);
  for (let i = 0; i < seed.messages; i++) {
    const message: NewMessage = {
      scraperName: names[i % names.length],
      messageType: i % 2 === 0 ? 'START' : 'KILL_REQUEST',
      createdAt: new Date(now - (seed.messages - i) * 1000).toISOString(),
      sentBy: 'ada',
    };
    if (i % 5 !== 4) {
      message.message = `generated message ${i + 1}`;
    }
    if (i % 3 === 2) {
      message.expiresAt = new Date(now + HOUR + (i % 24) * HOUR).toISOString();
    }
    messages[i] = message;
  }
  return messages;
}
