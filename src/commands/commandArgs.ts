/**
 * What VS Code hands a command, read into the handler's typed arguments: nothing (palette,
 * welcome buttons, view title), a tree node (row clicks, context menus), the selection too
 * (menus of a multi-select tree), or `{ fromKeyboard: true }` (keybindings). Anything else
 * (a `command:` link with arguments, another extension) is refused, never guessed at.
 */
import { AcknowledgedNode, MessageNode, RecentGroupNode, ScraperNode, ShowMoreNode, TypeNode, type TreeNode } from '../views/treeNodes';
import { isKeyboardInvocation, type KeyboardInvocation } from './keyboardTarget';

/** The handler's arguments, or undefined when `raw` is not what this command accepts. */
export type ArgsReader<A extends unknown[]> = (raw: readonly unknown[]) => A | undefined;

export function isTreeNode(value: unknown): value is TreeNode {
  return [ScraperNode, TypeNode, MessageNode, ShowMoreNode, RecentGroupNode, AcknowledgedNode].some((kind) => value instanceof kind);
}

/** Commands that ask for what they need: whatever VS Code passes is not used. */
export const noArgs: ArgsReader<[]> = () => [];

export const nodeArg: ArgsReader<[TreeNode | undefined]> = ([node]) => (node === undefined || isTreeNode(node) ? [node] : undefined);

export const nodeOrKeyboardArg: ArgsReader<[TreeNode | KeyboardInvocation | undefined]> = ([target]) =>
  target === undefined || isTreeNode(target) || isKeyboardInvocation(target) ? [target] : undefined;

export const nodeAndSelectionArgs: ArgsReader<[TreeNode | KeyboardInvocation | undefined, readonly TreeNode[] | undefined]> = ([
  target,
  selection,
]) => {
  const first = nodeOrKeyboardArg([target]);
  if (!first) return undefined;
  if (selection === undefined) return [first[0], undefined];
  return Array.isArray(selection) && selection.every(isTreeNode) ? [first[0], selection] : undefined;
};
