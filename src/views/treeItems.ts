/**
 * How each row of the Messages view is drawn: label, description, icon, the
 * `contextValue` that menus key on, and what a screen reader says.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { RECENT_ACK_LIMIT } from '../model/recentAcknowledgements';
import { formatAgeOf, formatExpiryOf, spokenAgeOf, spokenExpiryOf } from '../model/timeText';
import { markdownTooltip } from '../util/markdownTooltip';
import { plainText } from '../util/untrustedText';
import { CommandId } from '../contributions/commandIds';
import {
  CHILDREN_PAGE,
  type AcknowledgedNode,
  type MessageNode,
  type RecentGroupNode,
  type ScraperNode,
  type ShowMoreNode,
  type TreeNode,
  type TypeNode,
} from './treeNodes';

/** `contextValue`s; package.json `when` clauses use the same strings. */
const enum NodeContext {
  Scraper = 'scrapehub.scraper',
  ScraperWithPending = 'scrapehub.scraper.pending',
  Message = 'scrapehub.message',
  /** A message-type group (grouped by type); `.pending` when it has messages. */
  Type = 'scrapehub.type',
  TypeWithPending = 'scrapehub.type.pending',
  RecentGroup = 'scrapehub.recentGroup',
  AcknowledgedMessage = 'scrapehub.acknowledgedMessage',
}

const TYPE_ICONS: Record<string, vscode.ThemeIcon> = {
  KILL_REQUEST: new vscode.ThemeIcon('stop-circle', new vscode.ThemeColor('list.warningForeground')),
  START: new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.green')),
};
const UNKNOWN_TYPE_ICON = new vscode.ThemeIcon('mail');

/** The row for `node`; `now` dates its "5 min ago" texts. */
export function treeItemOf(node: TreeNode, now: number): vscode.TreeItem {
  switch (node.kind) {
    case 'scraper':
      return scraperTreeItem(node);
    case 'type':
      return typeTreeItem(node);
    case 'more':
      return showMoreTreeItem(node);
    case 'recent':
      return recentGroupTreeItem(node);
    case 'acknowledged':
      return acknowledgedTreeItem(node, now);
    case 'message':
      return messageTreeItem(node, now);
  }
}

function scraperTreeItem(node: ScraperNode): vscode.TreeItem {
  const { group } = node;
  const count = group.messages.length;
  const item = new vscode.TreeItem(
    plainText(group.name, 120),
    count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = String(count);
  const hasKill = group.messages.some((message) => message.messageType === 'KILL_REQUEST');
  item.iconPath = new vscode.ThemeIcon('server-process', hasKill ? new vscode.ThemeColor('list.warningForeground') : undefined);
  item.contextValue = count > 0 ? NodeContext.ScraperWithPending : NodeContext.Scraper;
  const pending = count === 1 ? vscode.l10n.t('1 pending message') : vscode.l10n.t('{0} pending messages', count);
  const name = plainText(group.name, 200);
  item.tooltip = markdownTooltip(group.assigned ? [name, pending, vscode.l10n.t('You are assigned to this scraper.')] : [name, pending]);
  item.accessibilityInformation = { label: vscode.l10n.t('Scraper {0}, {1}', name, pending) };
  return item;
}

function typeTreeItem(node: TypeNode): vscode.TreeItem {
  const count = node.group.messages.length;
  const type = plainText(node.name, 40);
  const item = new vscode.TreeItem(type, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = String(count);
  item.iconPath = TYPE_ICONS[node.name] ?? UNKNOWN_TYPE_ICON;
  item.contextValue = count > 0 ? NodeContext.TypeWithPending : NodeContext.Type;
  const scrapers = new Set(node.group.messages.map((message) => message.scraperName)).size;
  const pending = count === 1 ? vscode.l10n.t('1 pending {0} message', type) : vscode.l10n.t('{0} pending {1} messages', count, type);
  const across = scrapers === 1 ? vscode.l10n.t('for 1 scraper') : vscode.l10n.t('for {0} scrapers', scrapers);
  item.tooltip = markdownTooltip([`${pending} ${across}`]);
  item.accessibilityInformation = { label: vscode.l10n.t('Message type {0}, {1} {2}', type, pending, across) };
  return item;
}

function recentGroupTreeItem(node: RecentGroupNode): vscode.TreeItem {
  const count = node.entries.length;
  const item = new vscode.TreeItem(vscode.l10n.t('Recently Acknowledged'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon('history');
  item.contextValue = NodeContext.RecentGroup;
  item.tooltip = vscode.l10n.t(
    'Messages you acknowledged in this window (newest first, the last {0} at most). The server cannot undo an acknowledgement: use Send Again to send a message anew.',
    RECENT_ACK_LIMIT,
  );
  item.accessibilityInformation = {
    label: count === 1 ? vscode.l10n.t('Recently acknowledged, 1 message') : vscode.l10n.t('Recently acknowledged, {0} messages', count),
  };
  return item;
}

function acknowledgedTreeItem(node: AcknowledgedNode, now: number): vscode.TreeItem {
  const { message, acknowledgedAt } = node.entry;
  const item = new vscode.TreeItem(messageLabel(message), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const when = formatAgeOf(acknowledgedAt, now);
  item.description = vscode.l10n.t('{0} · acknowledged {1}', plainText(message.scraperName, 60), when);
  item.iconPath = new vscode.ThemeIcon('pass');
  item.contextValue = NodeContext.AcknowledgedMessage;
  item.command = { command: CommandId.OpenMessage, title: vscode.l10n.t('Open Message'), arguments: [node] };
  item.accessibilityInformation = { label: vscode.l10n.t('Acknowledged: {0}, {1}', messageLabel(message), item.description) };
  return item;
}

function showMoreTreeItem(node: ShowMoreNode): vscode.TreeItem {
  const hidden = node.parent.group.messages.length - node.parent.limit;
  const next = Math.min(hidden, CHILDREN_PAGE);
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', next), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = vscode.l10n.t('{0} not shown', hidden);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: CommandId.ShowMore, title: vscode.l10n.t('Show More'), arguments: [node] };
  item.accessibilityInformation = {
    label: vscode.l10n.t('Show {0} more messages of {1}; {2} not shown', next, plainText(node.parent.name, 120), hidden),
  };
  return item;
}

export function messageLabel(message: ScraperMessage): string {
  const text = message.message ? plainText(message.message, 80) : '';
  return text ? vscode.l10n.t('{0}: {1}', plainText(message.messageType, 40), text) : plainText(message.messageType, 40);
}

export function messageDescription(message: ScraperMessage, now: number): string {
  const expiry = message.expiresAt === undefined ? undefined : formatExpiryOf(message.expiresAt, now);
  return expiry === undefined ? formatAgeOf(message.createdAt, now) : `${formatAgeOf(message.createdAt, now)} · ${expiry}`;
}

function messageTreeItem(node: MessageNode, now: number): vscode.TreeItem {
  const { message } = node;
  const item = new vscode.TreeItem(messageLabel(message), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  // Under a type group the scraper is what tells the rows apart.
  const description = messageDescription(message, now);
  item.description = node.parent.kind === 'type' ? `${plainText(message.scraperName, 60)} · ${description}` : description;
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
function messageAccessibilityLabel(message: ScraperMessage, now: number): string {
  const type = plainText(message.messageType, 40);
  const scraper = plainText(message.scraperName, 120);
  const what = message.message
    ? vscode.l10n.t('{0} for {1}: {2}', type, scraper, plainText(message.message, 200))
    : vscode.l10n.t('{0} for {1}', type, scraper);
  return vscode.l10n.t('{0}, {1}, {2}', what, spokenAgeOf(message.createdAt, now), spokenExpiryOf(message.expiresAt, now));
}
