/**
 * Supplies the Messages tree from the MessageStore. Node objects are kept across
 * refreshes (VS Code tracks the objects it was given), and a refresh tells VS Code only
 * what changed: nothing when nothing changed, one scraper's row when only its messages
 * changed, the whole tree only when the list of scrapers changed. Each scraper shows at
 * most CHILDREN_PAGE messages until "Show more" asks for the next page. A filter, when
 * set, hides the messages that do not match it.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { filterGroups, type MessageFilter } from '../model/messageFilter';
import type { ScraperGroup } from '../model/messageGroups';
import type { MessageStore } from '../state/messageStore';
import {
  CHILDREN_PAGE,
  MessageNode,
  ScraperNode,
  ShowMoreNode,
  messageTooltip,
  messageTreeItem,
  scraperTreeItem,
  showMoreTreeItem,
  type TreeNode,
} from './treeNodes';

export class MessagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private scraperNodes: ScraperNode[] = [];
  private readonly messageNodes = new Map<string, MessageNode>();
  private readonly moreNodes = new Map<ScraperNode, ShowMoreNode>();
  private readonly subscription: vscode.Disposable;
  private activeFilter: MessageFilter | undefined;

  constructor(private readonly store: MessageStore) {
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'scraper') return scraperTreeItem(node);
    if (node.kind === 'more') return showMoreTreeItem(node);
    return messageTreeItem(node, Date.now());
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      item.tooltip = messageTooltip(node.message, Date.now());
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      return this.scraperNodes;
    }
    if (node.kind !== 'scraper') {
      return [];
    }
    const { messages } = node.group;
    const shown: TreeNode[] = messages.slice(0, node.limit).map((message) => this.messageNode(message, node));
    if (messages.length > node.limit) {
      shown.push(this.moreNode(node));
    }
    return shown;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'scraper' ? undefined : node.parent;
  }

  get filter(): MessageFilter | undefined {
    return this.activeFilter;
  }

  /** Shows only matching messages (undefined: all); redraws the whole tree. */
  setFilter(filter: MessageFilter | undefined): void {
    this.activeFilter = filter;
    this.scraperNodes = [];
    this.update();
  }

  /** Redraws the message rows of these scrapers, whose "5 min ago" texts have aged. */
  refreshAges(scraperNames: Iterable<string>): void {
    for (const name of scraperNames) {
      const node = this.findScraperNode(name);
      if (node && node.group.messages.length > 0) {
        this.changed.fire(node);
      }
    }
  }

  /** Shows the next page of a scraper's messages. */
  showMore(node: ShowMoreNode): void {
    node.parent.limit += CHILDREN_PAGE;
    this.changed.fire(node.parent);
  }

  /** The node for a message id, paging it into view if needed (for reveal after sending). */
  findMessageNode(messageId: string): MessageNode | undefined {
    for (const scraper of this.scraperNodes) {
      const index = scraper.group.messages.findIndex((message) => message.id === messageId);
      if (index >= 0) {
        if (index >= scraper.limit) {
          scraper.limit = Math.ceil((index + 1) / CHILDREN_PAGE) * CHILDREN_PAGE;
          this.changed.fire(scraper);
        }
        return this.messageNode(scraper.group.messages[index], scraper);
      }
    }
    return undefined;
  }

  findScraperNode(name: string): ScraperNode | undefined {
    return this.scraperNodes.find((node) => node.name === name);
  }

  /** All message nodes, in tree order (for pickers when a command runs from the palette). */
  allMessageNodes(): MessageNode[] {
    return this.scraperNodes.flatMap((scraper) => scraper.group.messages.map((message) => this.messageNode(message, scraper)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private update(): void {
    const groups = filterGroups(this.store.groups(), this.activeFilter);
    const previous = new Map(this.scraperNodes.map((node) => [node.name, node]));
    const sameScrapers = groups.length === this.scraperNodes.length && groups.every((group, index) => this.scraperNodes[index].name === group.name);
    const changedScrapers: ScraperNode[] = [];
    this.scraperNodes = groups.map((group) => {
      const node = previous.get(group.name);
      if (!node) {
        return new ScraperNode(group);
      }
      if (!sameGroup(node.group, group)) {
        changedScrapers.push(node);
      }
      node.group = group;
      return node;
    });
    this.forgetNodesNoLongerShown();
    if (!sameScrapers) {
      this.changed.fire(undefined);
    } else {
      changedScrapers.forEach((node) => this.changed.fire(node));
    }
  }

  /** Reuses the node of an unchanged message so VS Code's handle for it stays valid. */
  private messageNode(message: ScraperMessage, parent: ScraperNode): MessageNode {
    const existing = this.messageNodes.get(message.id);
    if (existing && existing.parent === parent && existing.message === message) {
      return existing;
    }
    const node = existing && existing.parent === parent && sameMessage(existing.message, message) ? existing : new MessageNode(message, parent);
    this.messageNodes.set(message.id, node);
    return node;
  }

  private moreNode(parent: ScraperNode): ShowMoreNode {
    let node = this.moreNodes.get(parent);
    if (!node) {
      node = new ShowMoreNode(parent);
      this.moreNodes.set(parent, node);
    }
    return node;
  }

  /**
   * Drops the nodes of messages that are gone. Only materialised nodes (rows VS Code asked
   * for) are looked at, so a refresh of 50,000 messages with a few scrapers expanded does
   * not index all 50,000 ids.
   */
  private forgetNodesNoLongerShown(): void {
    const scrapers = new Set(this.scraperNodes);
    const idsByScraper = new Map<ScraperNode, Set<string>>();
    for (const [id, node] of this.messageNodes) {
      if (!scrapers.has(node.parent)) {
        this.messageNodes.delete(id);
        continue;
      }
      let ids = idsByScraper.get(node.parent);
      if (!ids) {
        ids = new Set(node.parent.group.messages.map((message) => message.id));
        idsByScraper.set(node.parent, ids);
      }
      if (!ids.has(id)) {
        this.messageNodes.delete(id);
      }
    }
    for (const scraper of this.moreNodes.keys()) {
      if (!scrapers.has(scraper)) {
        this.moreNodes.delete(scraper);
      }
    }
  }
}

function sameGroup(a: ScraperGroup, b: ScraperGroup): boolean {
  return a.assigned === b.assigned && a.messages.length === b.messages.length && a.messages.every((message, index) => sameMessage(message, b.messages[index]));
}

function sameMessage(a: ScraperMessage, b: ScraperMessage): boolean {
  return a === b || (a.id === b.id && a.messageType === b.messageType && a.message === b.message && a.createdAt === b.createdAt && a.expiresAt === b.expiresAt && a.scraperId === b.scraperId && a.scraperName === b.scraperName);
}
