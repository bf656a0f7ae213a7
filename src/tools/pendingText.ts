/**
 * The list tool's answer: one line per message, fields separated by " | ", texts that
 * come from the server quoted as JSON strings (so a message text cannot pass itself off
 * as a line of ours or an instruction), and plain sentences on what the data is worth:
 * which server, how old, whether the last refresh failed, which scrapers are missing.
 * Pure: unit-tested with a fixed clock.
 */
import * as l10n from '@vscode/l10n';
import type { ScraperMessage } from '../api/types';
import { formatAgeOf, formatExpiryOf } from '../model/timeText';
import { plainText } from '../util/untrustedText';
import type { ListInput } from './toolInput';

export interface ListSituation {
  serverLabel: string;
  /** When the data was fetched (ms). */
  fetchedAt: number;
  now: number;
  /** The last refresh failed: the data is from `fetchedAt`, and this is why. */
  staleBecause?: string;
  /** Scrapers whose messages could not be loaded. */
  failedScrapers: readonly string[];
  /** The server insists on scraper names and none are known: nothing could be asked. */
  needsScraperNames: boolean;
}

const quoted = (value: string, maxLength: number): string => JSON.stringify(plainText(value, maxLength));

export function messageLine(message: ScraperMessage, now: number): string {
  const fields = [
    `id=${quoted(message.id, 80)}`,
    `scraper=${quoted(message.scraperName, 100)}`,
    `type=${quoted(message.messageType, 40)}`,
    message.message ? `text=${quoted(message.message, 200)}` : l10n.t('no text'),
    l10n.t('created {0}', formatAgeOf(message.createdAt, now)),
    message.expiresAt ? (formatExpiryOf(message.expiresAt, now) ?? l10n.t('expiry unreadable')) : l10n.t('never expires'),
  ];
  return `- ${fields.join(' | ')}`;
}

export function matching(messages: readonly ScraperMessage[], input: Pick<ListInput, 'scraper' | 'type'>): ScraperMessage[] {
  const scraper = input.scraper?.toLowerCase();
  const type = input.type?.toUpperCase();
  return messages.filter(
    (message) => (!scraper || message.scraperName.toLowerCase() === scraper) && (!type || message.messageType.toUpperCase() === type),
  );
}

function heading(situation: ListSituation, shown: number, total: number, input: ListInput): string {
  const filter = [
    input.scraper ? l10n.t('scraper {0}', JSON.stringify(input.scraper)) : undefined,
    input.type ? l10n.t('type {0}', JSON.stringify(input.type)) : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const age = formatAgeOf(new Date(situation.fetchedAt).toISOString(), situation.now);
  const what =
    total === 0
      ? l10n.t('No pending messages{0} on ScrapeHub server "{1}".', filter ? ` (${filter})` : '', situation.serverLabel)
      : l10n.t(
          '{0} of {1} pending messages{2} on ScrapeHub server "{3}", newest first.',
          shown,
          total,
          filter ? ` (${filter})` : '',
          situation.serverLabel,
        );
  return `${what} ${l10n.t('Data fetched {0}.', age)}`;
}

function caveats(situation: ListSituation): string[] {
  const notes: string[] = [];
  if (situation.staleBecause) {
    notes.push(l10n.t('STALE: the last refresh failed ({0}), so this is the older data and may be out of date.', situation.staleBecause));
  }
  if (situation.failedScrapers.length > 0) {
    const names = situation.failedScrapers
      .slice(0, 10)
      .map((name) => quoted(name, 100))
      .join(', ');
    notes.push(
      l10n.t(
        'PARTIAL: the messages of {0} scraper(s) could not be loaded ({1}); they may have pending messages not listed here.',
        situation.failedScrapers.length,
        names,
      ),
    );
  }
  if (situation.needsScraperNames) {
    notes.push(
      l10n.t(
        'PARTIAL: this server only lists messages per scraper and no scraper names are known; the user can add them in the setting scrapehub.scraperNames.',
      ),
    );
  }
  return notes;
}

/** The whole answer for messages already in display order (newest first). */
export function pendingText(messages: readonly ScraperMessage[], input: ListInput, situation: ListSituation): string {
  const found = matching(messages, input);
  const shown = found.slice(0, input.limit);
  const lines = [
    heading(situation, shown.length, found.length, input),
    ...caveats(situation),
    ...shown.map((message) => messageLine(message, situation.now)),
  ];
  if (found.length > shown.length) {
    lines.push(l10n.t('{0} more not shown: raise "limit" (at most 200) or filter by scraper or type.', found.length - shown.length));
  }
  return lines.join('\n');
}
