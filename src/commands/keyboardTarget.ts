/**
 * Keybindings in the Messages view (package.json "keybindings") pass `{ fromKeyboard: true }`
 * instead of a tree node: the command then acts on the view's selection.
 */
import type { MessageNode } from '../views/treeNodes';
import type { CommandContext } from './commandContext';

export interface KeyboardInvocation {
  fromKeyboard: true;
}

export function isKeyboardInvocation(arg: unknown): arg is KeyboardInvocation {
  return typeof arg === 'object' && arg !== null && (arg as { fromKeyboard?: unknown }).fromKeyboard === true;
}

/** The selected message rows, in the order they were selected. */
export function selectedMessages(context: CommandContext): MessageNode[] {
  return context.view.treeView.selection.filter((node): node is MessageNode => node.kind === 'message');
}
