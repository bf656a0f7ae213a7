/**
 * The two kinds of rows in the Messages view and how each is drawn. Ids are stable
 * (scraper name, message id) so expansion and selection survive refreshes.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { parseTimestamp, type ScraperGroup } from '../model/messageGroups';
import { formatAge, formatDuration, formatExpiresIn } from '../model/timeText';
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
  const pending = count === 1 ? '1 pending message' : `${count} pending messages`;
  item.tooltip = `${group.name}\n${pending}${group.assigned ? '\nYou are assigned to this scraper.' : ''}`;
  item.accessibilityInformation = { label: `Scraper ${group.name}, ${pending}` };
  return item;
}

export function showMoreTreeItem(node: ShowMoreNode): vscode.TreeItem {
  const hidden = node.parent.group.messages.length - node.parent.limit;
  const next = Math.min(hidden, CHILDREN_PAGE);
  const item = new vscode.TreeItem(`Show ${next} more…`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${hidden} not shown`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: CommandId.ShowMore, title: 'Show More', arguments: [node] };
  return item;
}

export function messageLabel(message: ScraperMessage): string {
  const text = message.message ? untrustedText(message.message, 80) : '';
  return text ? `${untrustedText(message.messageType, 40)}: ${text}` : untrustedText(message.messageType, 40);
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
  item.command = { command: CommandId.OpenMessage, title: 'Open Message', arguments: [node] };
  item.accessibilityInformation = { label: `${messageLabel(message)}, ${item.description}` };
  return item;
}

/** Filled in lazily (resolveTreeItem): only for rows the user hovers. Plain text on purpose. */
export function messageTooltip(message: ScraperMessage, now: number): string {
  const lines = [`${untrustedText(message.messageType, 40)} for ${untrustedText(message.scraperName, 120)}`];
  if (message.message) {
    lines.push(untrustedText(message.message, 1000));
  }
  lines.push('', `ID: ${untrustedText(message.id, 200)}`, `Scraper ID: ${untrustedText(message.scraperId, 200)}`);
  lines.push(`Created: ${timestampLine(message.createdAt, now)}`);
  lines.push(message.expiresAt ? `Expires: ${timestampLine(message.expiresAt, now)}` : 'Expires: never');
  return lines.join('\n');
}

function timestampLine(iso: string, now: number): string {
  const ms = parseTimestamp(iso);
  if (ms === undefined) {
    return `${untrustedText(iso, 60)} (unreadable date)`;
  }
  const relative = ms > now ? `in ${formatDuration(ms - now)}` : formatAge(ms, now);
  return `${new Date(ms).toLocaleString()} (${relative})`;
}
