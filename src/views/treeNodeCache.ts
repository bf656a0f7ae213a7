/**
 * The node objects of the Messages tree, kept across refreshes: VS Code tracks rows by the
 * objects it was given, so an unchanged group or message keeps its node, and with it its
 * expansion, selection and the handle `reveal` uses.
 */
import type { ScraperMessage } from '../api/types';
import type { ArrangedGroups } from '../model/messageArrangement';
import { sameGroup, sameMessage } from '../model/groupChanges';
import type { RecentAck } from '../model/recentAcknowledgements';
import { AcknowledgedNode, MessageNode, ScraperNode, ShowMoreNode, TypeNode, type GroupNode, type RecentGroupNode } from './treeNodes';

export interface GroupNodesUpdate {
  nodes: GroupNode[];
  /** Kept nodes whose messages changed. */
  changed: GroupNode[];
  /** The same groups in the same order as before. */
  sameList: boolean;
}

export class TreeNodeCache {
  private readonly messageNodes = new Map<string, MessageNode>();
  private readonly moreNodes = new Map<GroupNode, ShowMoreNode>();
  private readonly acknowledgedNodes = new Map<string, AcknowledgedNode>();

  /** Nodes for `arranged`, the ones in `previous` with the same id reused and given their group's new messages. */
  groupNodes(previous: readonly GroupNode[], arranged: ArrangedGroups): GroupNodesUpdate {
    const kind = arranged.groupBy === 'scraper' ? 'scraper' : 'type';
    const idOf = (group: { name: string }) => `${kind}:${group.name}`;
    const byId = new Map(previous.map((node) => [node.id, node]));
    const groups = arranged.groups;
    const sameList = groups.length === previous.length && groups.every((group, index) => previous[index].id === idOf(group));
    const changed: GroupNode[] = [];
    const nodes = groups.map((group): GroupNode => {
      const node = byId.get(idOf(group));
      if (!node) {
        return arranged.groupBy === 'scraper' ? new ScraperNode(group as ScraperNode['group']) : new TypeNode(group);
      }
      if (!sameGroup(node.group, group)) {
        changed.push(node);
      }
      node.group = group;
      return node;
    });
    return { nodes, changed, sameList };
  }

  /** Reuses the node of an unchanged message so VS Code's handle for it stays valid. */
  messageNode(message: ScraperMessage, parent: GroupNode): MessageNode {
    const existing = this.messageNodes.get(message.id);
    if (existing && existing.parent === parent && existing.message === message) {
      return existing;
    }
    const node =
      existing && existing.parent === parent && sameMessage(existing.message, message) ? existing : new MessageNode(message, parent);
    this.messageNodes.set(message.id, node);
    return node;
  }

  acknowledgedNode(entry: RecentAck, parent: RecentGroupNode): AcknowledgedNode {
    let node = this.acknowledgedNodes.get(entry.message.id);
    if (!node || node.entry !== entry) {
      node = new AcknowledgedNode(entry, parent);
      this.acknowledgedNodes.set(entry.message.id, node);
    }
    return node;
  }

  moreNode(parent: GroupNode): ShowMoreNode {
    let node = this.moreNodes.get(parent);
    if (!node) {
      node = new ShowMoreNode(parent);
      this.moreNodes.set(parent, node);
    }
    return node;
  }

  /**
   * Drops the nodes of rows no longer shown. Only materialised nodes (rows VS Code asked
   * for) are looked at, so a refresh of 50,000 messages with a few scrapers expanded does
   * not index all 50,000 ids.
   */
  forgetAllBut(groupNodes: readonly GroupNode[], recent: readonly RecentAck[]): void {
    const groups = new Set(groupNodes);
    const idsByGroup = new Map<GroupNode, Set<string>>();
    for (const [id, node] of this.messageNodes) {
      if (!groups.has(node.parent)) {
        this.messageNodes.delete(id);
        continue;
      }
      let ids = idsByGroup.get(node.parent);
      if (!ids) {
        ids = new Set(node.parent.group.messages.map((message) => message.id));
        idsByGroup.set(node.parent, ids);
      }
      if (!ids.has(id)) {
        this.messageNodes.delete(id);
      }
    }
    for (const group of this.moreNodes.keys()) {
      if (!groups.has(group)) {
        this.moreNodes.delete(group);
      }
    }
    const acknowledged = new Set(recent.map((entry) => entry.message.id));
    for (const id of this.acknowledgedNodes.keys()) {
      if (!acknowledged.has(id)) {
        this.acknowledgedNodes.delete(id);
      }
    }
  }
}
