/**
 * The two kinds of rows in the Messages view and how each is drawn. Ids are stable
 * (scraper name, message id) so expansion and selection survive refreshes.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { parseTimestamp, type ScraperGroup } from '../model/messageGroups';
import { formatAge, formatDuration, formatExpiresIn, spokenDuration } from '../model/timeText';
import { untrustedText } from '../util/untrustedText';
import { CommandId } from '../commands/commandIds';

/** `contextValue`s; package.json `when` clauses use the same strings. */
export const enum NodeContext {
  Scraper = 'scrapehub.scraper',
  ScraperWithPending = 'scrapehub.scraper.pending',
  Message = 'scrapehub.message',
}

/** Children materialised per scraper before a "Show more" row; raised 500 at a time. */
export const CHILDREN_PAGE = 500;

export class ScraperNode {
  readonly kind = 'scraper';
  /** How many of the scraper's messages are shown as rows. */
  limit = CHILDREN_PAGE;
  /** Replaced in place on refresh, so VS Code keeps holding the same node object. */
  constructor(public group: ScraperGroup) {}

  get id(): string {
    return `scraper:${this.group.name}`;
  }

  get name(): string {
    return this.group.name;
  }
}

export class MessageNode {
  readonly kind = 'message';
  constructor(readonly message: ScraperMessage, readonly parent: ScraperNode) {}

  get id(): string {
    return `message:${this.message.id}`;
  }
}

/** The last row of a scraper with more messages than it shows. */
export class ShowMoreNode {
  readonly kind = 'more';
  constructor(readonly parent: ScraperNode) {}

  get id(): string {
    return `more:${this.parent.name}`;
  }
}

export type TreeNode = ScraperNode | MessageNode | ShowMoreNode;

const TYPE_ICONS: Record<string, vscode.ThemeIcon> = {
  KILL_REQUEST: new vscode.ThemeIcon('stop-circle', new vscode.ThemeColor('list.warningForeground')),
  START: new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.green')),
};
const UNKNOWN_TYPE_ICON = new vscode.ThemeIcon('mail');

export function scraperTreeItem(node: ScraperNode): vscode.TreeItem {
  const { group } = node;
  const count = group.messages.length;
  const item = new vscode.TreeItem(
    untrustedText(group.name, 120),
    count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = String(count);
  const hasKill = group.messages.some((message) => message.messageType === 'KILL_REQUEST');
  item.iconPath = new vscode.ThemeIcon('server-process', hasKill ? new vscode.ThemeColor('list.warningForeground') : undefined);
  item.contextValue = count > 0 ? NodeContext.ScraperWithPending : NodeContext.Scraper;
  const pending = count === 1 ? vscode.l10n.t('1 pending message') : vscode.l10n.t('{0} pending messages', count);
  item.tooltip = `${group.name}\n${pending}${group.assigned ? `\n${vscode.l10n.t('You are assigned to this scraper.')}` : ''}`;
  item.accessibilityInformation = { label: vscode.l10n.t('Scraper {0}, {1}', group.name, pending) };
  return item;
}

export function showMoreTreeItem(node: ShowMoreNode): vscode.TreeItem {
  const hidden = node.parent.group.messages.length - node.parent.limit;
  const next = Math.min(hidden, CHILDREN_PAGE);
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', next), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = vscode.l10n.t('{0} not shown', hidden);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: CommandId.ShowMore, title: vscode.l10n.t('Show More'), arguments: [node] };
  item.accessibilityInformation = { label: vscode.l10n.t('Show {0} more messages of {1}; {2} not shown', next, untrustedText(node.parent.name, 120), hidden) };
  return item;
}

export function messageLabel(message: ScraperMessage): string {
  const text = message.message ? untrustedText(message.message, 80) : '';
  return text ? vscode.l10n.t('{0}: {1}', untrustedText(message.messageType, 40), text) : untrustedText(message.messageType, 40);
}

export function messageDescription(message: ScraperMessage, now: number): string {
  const parts = [formatAge(parseTimestamp(message.createdAt), now)];
  const expires = parseTimestamp(message.expiresAt);
  if (expires !== undefined) {
    parts.push(formatExpiresIn(expires, now));
  }
  return parts.join(' · ');
}

export function messageTreeItem(node: MessageNode, now: number): vscode.TreeItem {
  const { message } = node;
  const item = new vscode.TreeItem(messageLabel(message), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = messageDescription(message, now);
  item.iconPath = TYPE_ICONS[message.messageType] ?? UNKNOWN_TYPE_ICON;
  item.contextValue = NodeContext.Message;
  item.command = { command: CommandId.OpenMessage, title: vscode.l10n.t('Open Message'), arguments: [node] };
  item.accessibilityInformation = { label: messageAccessibilityLabel(message, now) };
  return item;
}

/**
 * What a screen reader says for a message row, in words rather than the row's short forms:
 * "KILL_REQUEST for acme-prices: stop now, 5 minutes old, expires in 10 minutes".
 */
export function messageAccessibilityLabel(message: ScraperMessage, now: number): string {
  const type = untrustedText(message.messageType, 40);
  const scraper = untrustedText(message.scraperName, 120);
  const what = message.message
    ? vscode.l10n.t('{0} for {1}: {2}', type, scraper, untrustedText(message.message, 200))
    : vscode.l10n.t('{0} for {1}', type, scraper);
  const created = parseTimestamp(message.createdAt);
  const age = created === undefined ? vscode.l10n.t('age unknown') : vscode.l10n.t('{0} old', spokenDuration(now - created));
  const expires = parseTimestamp(message.expiresAt);
  const expiry = expires === undefined
    ? vscode.l10n.t('never expires')
    : expires <= now ? vscode.l10n.t('expired') : vscode.l10n.t('expires in {0}', spokenDuration(expires - now));
  return vscode.l10n.t('{0}, {1}, {2}', what, age, expiry);
}

/** Filled in lazily (resolveTreeItem): only for rows the user hovers. Plain text on purpose. */
export function messageTooltip(message: ScraperMessage, now: number): string {
  const lines = [vscode.l10n.t('{0} for {1}', untrustedText(message.messageType, 40), untrustedText(message.scraperName, 120))];
  if (message.message) {
    lines.push(untrustedText(message.message, 1000));
  }
  lines.push('', vscode.l10n.t('ID: {0}', untrustedText(message.id, 200)), vscode.l10n.t('Scraper ID: {0}', untrustedText(message.scraperId, 200)));
  lines.push(vscode.l10n.t('Created: {0}', timestampLine(message.createdAt, now)));
  lines.push(message.expiresAt ? vscode.l10n.t('Expires: {0}', timestampLine(message.expiresAt, now)) : vscode.l10n.t('Expires: never'));
  return lines.join('\n');
}

function timestampLine(iso: string, now: number): string {
  const ms = parseTimestamp(iso);
  if (ms === undefined) {
    return vscode.l10n.t('{0} (unreadable date)', untrustedText(iso, 60));
  }
  const relative = ms > now ? vscode.l10n.t('in {0}', formatDuration(ms - now)) : formatAge(ms, now);
  return vscode.l10n.t('{0} ({1})', new Date(ms).toLocaleString(), relative);
}
