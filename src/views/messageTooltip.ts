/** The hover of a message row, filled in lazily (resolveTreeItem): only for rows the user hovers. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { RecentAck } from '../model/recentAcknowledgements';
import { asWritten, formatAge, formatDuration } from '../model/timeText';
import { parseDateTime } from '../model/timestamps';
import { markdownTooltip } from '../util/markdownTooltip';
import { plainText } from '../util/untrustedText';

export function messageTooltip(message: ScraperMessage, now: number): vscode.MarkdownString {
  return markdownTooltip(messageLines(message, now));
}

/** Tooltip of an acknowledged row: the message, then when it was acknowledged. */
export function acknowledgedTooltip(entry: RecentAck, now: number): vscode.MarkdownString {
  return markdownTooltip([
    ...messageLines(entry.message, now),
    vscode.l10n.t('Acknowledged: {0}', timestampLine(entry.acknowledgedAt, now)),
  ]);
}

/** One line per field: a message text cannot add a line that looks like the "ID:" line. */
function messageLines(message: ScraperMessage, now: number): string[] {
  const lines = [vscode.l10n.t('{0} for {1}', plainText(message.messageType, 40), plainText(message.scraperName, 120))];
  if (message.message) {
    lines.push(plainText(message.message, 1000));
  }
  lines.push(vscode.l10n.t('ID: {0}', plainText(message.id, 200)), vscode.l10n.t('Scraper ID: {0}', plainText(message.scraperId, 200)));
  lines.push(vscode.l10n.t('Created: {0}', timestampLine(message.createdAt, now)));
  lines.push(message.expiresAt ? vscode.l10n.t('Expires: {0}', timestampLine(message.expiresAt, now)) : vscode.l10n.t('Expires: never'));
  return lines;
}

function timestampLine(iso: string, now: number): string {
  const parsed = parseDateTime(iso);
  if (!parsed) {
    return vscode.l10n.t('{0} (unreadable date)', plainText(iso, 60));
  }
  if (!parsed.zoned) {
    return asWritten(iso); // names no instant: neither a local time nor "in 2 h" would be true
  }
  const ms = parsed.ms;
  const relative = ms > now ? vscode.l10n.t('in {0}', formatDuration(ms - now)) : formatAge(ms, now);
  return vscode.l10n.t('{0} ({1})', new Date(ms).toLocaleString(), relative);
}
