/** The "Show N more…" row at the end of a long scraper: shows the next page of messages. */
import type { TreeNode } from '../views/treeNodes';
import type { CommandContext } from './commandContext';

export async function showMore(context: CommandContext, node?: TreeNode): Promise<void> {
  if (node?.kind === 'more') {
    context.view.provider.showMore(node);
  }
}
