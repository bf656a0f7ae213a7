/**
 * The kinds of rows in the Messages view (how each is drawn: treeItems.ts). Ids are stable
 * (scraper name, message type, message id) so expansion and selection survive refreshes,
 * and a message keeps its id whichever way the tree is grouped.
 */
import type { ScraperMessage } from '../api/types';
import type { MessageGroup, ScraperGroup } from '../model/messageGroups';
import type { RecentAck } from '../model/recentAcknowledgements';

/** Children materialised per scraper before a "Show more" row; raised 500 at a time. */
export const CHILDREN_PAGE = 500;

abstract class PendingGroupNode<G extends MessageGroup> {
  /** How many of the group's messages are shown as rows. */
  limit = CHILDREN_PAGE;
  /** Replaced in place on refresh, so VS Code keeps holding the same node object. */
  constructor(public group: G) {}

  abstract get id(): string;

  get name(): string {
    return this.group.name;
  }
}

/** One scraper's pending messages (the default grouping). */
export class ScraperNode extends PendingGroupNode<ScraperGroup> {
  readonly kind = 'scraper';

  get id(): string {
    return `scraper:${this.group.name}`;
  }
}

/** One message type's pending messages, across scrapers (scrapehub.groupBy = messageType). */
export class TypeNode extends PendingGroupNode<MessageGroup> {
  readonly kind = 'type';

  get id(): string {
    return `type:${this.group.name}`;
  }
}

export type GroupNode = ScraperNode | TypeNode;

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly message: ScraperMessage,
    readonly parent: GroupNode,
  ) {}

  get id(): string {
    return `message:${this.message.id}`;
  }
}

/** The last row of a group with more messages than it shows. */
export class ShowMoreNode {
  readonly kind = 'more';
  constructor(readonly parent: GroupNode) {}

  get id(): string {
    return `more:${this.parent.id}`;
  }
}

/** "Recently Acknowledged": after the pending groups, collapsed, only while it has rows. */
export class RecentGroupNode {
  readonly kind = 'recent';
  readonly id = 'recent-acknowledged';
  /** Replaced in place, like a group's messages. */
  constructor(public entries: readonly RecentAck[]) {}
}

/** A message this user acknowledged in this window. The id differs from its pending row's. */
export class AcknowledgedNode {
  readonly kind = 'acknowledged';
  constructor(
    readonly entry: RecentAck,
    readonly parent: RecentGroupNode,
  ) {}

  get message(): ScraperMessage {
    return this.entry.message;
  }

  get id(): string {
    return `acknowledged:${this.entry.message.id}`;
  }
}

export type TreeNode = ScraperNode | TypeNode | MessageNode | ShowMoreNode | RecentGroupNode | AcknowledgedNode;
