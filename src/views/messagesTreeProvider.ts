/**
 * Supplies the Messages tree from the MessageStore. Node objects are kept across
 * refreshes (treeNodeCache.ts), and a refresh tells VS Code only
 * what changed: nothing when nothing changed, one group's row when only its messages
 * changed, the whole tree only when the list of groups changed. Each group shows at
 * most CHILDREN_PAGE messages until "Show more" asks for the next page. A filter, when
 * set, hides the messages that do not match it. The groups are scrapers or message types
 * and sorted as the settings say (scrapehub.groupBy / scrapehub.sortBy); changing them
 * re-renders from the data held, without a request. After the groups comes
 * "Recently Acknowledged" while it has rows.
 */
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { arrangeGroups, type Arrangement } from '../model/messageArrangement';
import { filterGroups, matchesFilter, type MessageFilter } from '../model/messageFilter';
import type { MessageStore } from '../state/messageStore';
import type { RecentlyAcknowledged } from '../state/recentlyAcknowledged';
import { treeItemOf } from './treeItems';
import { TreeNodeCache } from './treeNodeCache';
import { CHILDREN_PAGE, RecentGroupNode, type GroupNode, type MessageNode, type ShowMoreNode, type TreeNode } from './treeNodes';
import { acknowledgedTooltip, messageTooltip } from './messageTooltip';

export class MessagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groupNodes: GroupNode[] = [];
  private readonly nodes = new TreeNodeCache();
  /** Kept while hidden too, so its expansion is remembered by the same object and id. */
  private readonly recentNode = new RecentGroupNode([]);
  private recentShown = false;
  private readonly subscriptions: vscode.Disposable[];
  private activeFilter: MessageFilter | undefined;
  private arrangement: Arrangement;

  constructor(
    private readonly store: MessageStore,
    private readonly recent: RecentlyAcknowledged,
    settings: Settings,
  ) {
    this.arrangement = settings.arrangement();
    this.subscriptions = [
      store.onDidChange(() => this.update()),
      recent.onDidChange(() => this.update()),
      settings.onDidChangeArrangement(() => this.setArrangement(settings.arrangement())),
    ];
    this.update();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemOf(node, Date.now());
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      item.tooltip = messageTooltip(node.message, Date.now());
    } else if (node.kind === 'acknowledged') {
      item.tooltip = acknowledgedTooltip(node.entry, Date.now());
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      return this.recentShown ? [...this.groupNodes, this.recentNode] : this.groupNodes;
    }
    if (node.kind === 'recent') {
      return node.entries.map((entry) => this.nodes.acknowledgedNode(entry, this.recentNode));
    }
    if (node.kind !== 'scraper' && node.kind !== 'type') {
      return [];
    }
    const { messages } = node.group;
    const shown: TreeNode[] = messages.slice(0, node.limit).map((message) => this.nodes.messageNode(message, node));
    if (messages.length > node.limit) {
      shown.push(this.nodes.moreNode(node));
    }
    return shown;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'message' || node.kind === 'more' || node.kind === 'acknowledged' ? node.parent : undefined;
  }

  /** The groups of pending messages as shown (filtered, arranged), without "Recently Acknowledged". */
  get pendingGroupNodes(): readonly GroupNode[] {
    return this.groupNodes;
  }

  get filter(): MessageFilter | undefined {
    return this.activeFilter;
  }

  /** Shows only matching messages (undefined: all); redraws the whole tree. */
  setFilter(filter: MessageFilter | undefined): void {
    this.activeFilter = filter;
    this.groupNodes = [];
    this.update();
  }

  /** Regroups or re-sorts what is held; no request goes to the server. */
  setArrangement(arrangement: Arrangement): void {
    if (arrangement.groupBy === this.arrangement.groupBy && arrangement.sortBy === this.arrangement.sortBy) {
      return;
    }
    this.arrangement = arrangement;
    this.update();
  }

  /** Redraws the rows under these groups (by node id), whose "5 min ago" texts have aged. */
  refreshAges(nodeIds: Iterable<string>): void {
    for (const id of nodeIds) {
      if (id === this.recentNode.id) {
        if (this.recentShown) {
          this.changed.fire(this.recentNode);
        }
        continue;
      }
      const node = this.groupNodes.find((candidate) => candidate.id === id);
      if (node && node.group.messages.length > 0) {
        this.changed.fire(node);
      }
    }
  }

  /** Shows the next page of a group's messages. */
  showMore(node: ShowMoreNode): void {
    node.parent.limit += CHILDREN_PAGE;
    this.changed.fire(node.parent);
  }

  /** The node for a message id, paging it into view if needed (for reveal after sending). */
  findMessageNode(messageId: string): MessageNode | undefined {
    for (const group of this.groupNodes) {
      const index = group.group.messages.findIndex((message) => message.id === messageId);
      if (index >= 0) {
        if (index >= group.limit) {
          group.limit = Math.ceil((index + 1) / CHILDREN_PAGE) * CHILDREN_PAGE;
          this.changed.fire(group);
        }
        return this.nodes.messageNode(group.group.messages[index], group);
      }
    }
    return undefined;
  }

  /** All message nodes, in tree order (for pickers when a command runs from the palette). */
  allMessageNodes(): MessageNode[] {
    return this.groupNodes.flatMap((group) => group.group.messages.map((message) => this.nodes.messageNode(message, group)));
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    this.changed.dispose();
  }

  private update(): void {
    const arranged = arrangeGroups(filterGroups(this.store.groups(), this.activeFilter), this.arrangement);
    const groups = this.nodes.groupNodes(this.groupNodes, arranged);
    this.groupNodes = groups.nodes;
    const changedNodes: TreeNode[] = groups.changed;
    const recentWasShown = this.recentShown;
    const recentChanged = this.updateRecent();
    if (recentChanged && recentWasShown && this.recentShown) {
      changedNodes.push(this.recentNode);
    }
    this.nodes.forgetAllBut(this.groupNodes, this.recentNode.entries);
    if (!groups.sameList || recentWasShown !== this.recentShown) {
      this.changed.fire(undefined);
    } else {
      changedNodes.forEach((node) => this.changed.fire(node));
    }
  }

  /** Takes the recent acknowledgements that pass the filter; true when the rows changed. */
  private updateRecent(): boolean {
    const filter = this.activeFilter;
    const entries = filter ? this.recent.entries.filter((entry) => matchesFilter(entry.message, filter)) : this.recent.entries;
    const before = this.recentNode.entries;
    const same = before.length === entries.length && before.every((entry, index) => entry === entries[index]);
    this.recentNode.entries = entries;
    this.recentShown = entries.length > 0;
    return !same;
  }
}
