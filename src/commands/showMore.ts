/** The "Show N more…" row at the end of a long scraper: shows the next page of messages. */
import type { TreeNode } from '../views/treeNodes';
import type { CommandContext } from './commandContext';

export function showMore(context: CommandContext, node?: TreeNode): void {
  if (node?.kind === 'more') {
    context.view.provider.showMore(node);
  }
}
