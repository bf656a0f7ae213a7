/** The one-line summary of an alert and its buttons. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { untrustedText } from '../util/untrustedText';

/** Scrapers named in a summary; the rest are counted. */
const NAMED_SCRAPERS = 3;

export function showLabel(): string {
  return vscode.l10n.t('Show');
}

/** "Acknowledge" for one message, "Acknowledge All 3" for several: the button says what it does. */
export function acknowledgeLabel(count: number): string {
  return count === 1 ? vscode.l10n.t('Acknowledge') : vscode.l10n.t('Acknowledge All {0}', count);
}

/**
 * One message: its type, scraper and text. Several: "3 new KILL_REQUESTs for acme-prices,
 * weather-feed", or with mixed types "3 new messages (2 KILL_REQUEST, 1 START) for …".
 */
export function alertText(messages: readonly ScraperMessage[]): string {
  if (messages.length === 1) {
    const [message] = messages;
    const type = untrustedText(message.messageType, 40);
    const scraper = untrustedText(message.scraperName, 100);
    return message.message
      ? vscode.l10n.t('New {0} for "{1}": {2}', type, scraper, untrustedText(message.message, 200))
      : vscode.l10n.t('New {0} for "{1}".', type, scraper);
  }
  const counts = new Map<string, number>();
  for (const message of messages) {
    counts.set(message.messageType, (counts.get(message.messageType) ?? 0) + 1);
  }
  const scrapers = [...new Set(messages.map((message) => message.scraperName))];
  const named = scrapers
    .slice(0, NAMED_SCRAPERS)
    .map((name) => untrustedText(name, 60))
    .join(', ');
  const where = scrapers.length > NAMED_SCRAPERS ? vscode.l10n.t('{0} and {1} more', named, scrapers.length - NAMED_SCRAPERS) : named;
  if (counts.size === 1) {
    return vscode.l10n.t('{0} new {1}s for {2}', messages.length, untrustedText(messages[0].messageType, 40), where);
  }
  const byType = [...counts].map(([type, count]) => `${count} ${untrustedText(type, 40)}`).join(', ');
  return vscode.l10n.t('{0} new messages ({1}) for {2}', messages.length, byType, where);
}
