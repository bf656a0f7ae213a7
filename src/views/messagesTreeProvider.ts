/**
 * Supplies the Messages tree from the MessageStore. Nodes are cached by id between
 * refreshes so `reveal()` and `getParent()` work on the objects VS Code holds.
 */
import * as vscode from 'vscode';
import type { MessageStore } from '../state/messageStore';
import { MessageNode, ScraperNode, messageTooltip, messageTreeItem, scraperTreeItem, type TreeNode } from './treeNodes';

export class MessagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private scraperNodes: ScraperNode[] = [];
  private readonly messageNodes = new Map<string, MessageNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: MessageStore) {
    this.subscription = store.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === 'scraper' ? scraperTreeItem(node) : messageTreeItem(node, Date.now());
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
    if (node.kind === 'scraper') {
      return node.group.messages.map((message) => this.messageNodes.get(message.id)!);
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'message' ? node.parent : undefined;
  }

  /** The node currently shown for a message id, for reveal after sending. */
  findMessageNode(messageId: string): MessageNode | undefined {
    return this.messageNodes.get(messageId);
  }

  findScraperNode(name: string): ScraperNode | undefined {
    return this.scraperNodes.find((node) => node.name === name);
  }

  /** All message nodes, in tree order (for pickers when a command runs from the palette). */
  allMessageNodes(): MessageNode[] {
    return this.scraperNodes.flatMap((scraper) => this.getChildren(scraper) as MessageNode[]);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private rebuild(): void {
    this.scraperNodes = this.store.groups().map((group) => new ScraperNode(group));
    this.messageNodes.clear();
    for (const scraper of this.scraperNodes) {
      for (const message of scraper.group.messages) {
        this.messageNodes.set(message.id, new MessageNode(message, scraper));
      }
    }
    this.changed.fire(undefined);
  }
}
