/** "Open Message" and "Copy Message ID": from a tree node, or a picker from the palette. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { TreeNode } from '../views/treeNodes';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { isKeyboardInvocation, selectedMessages, type KeyboardInvocation } from './keyboardTarget';
import { messagePickItems } from './messagePickItems';

export async function openMessage(context: CommandContext, node?: TreeNode | KeyboardInvocation): Promise<void> {
  const message = isKeyboardInvocation(node) ? selectedMessages(context)[0]?.message : node?.kind === 'message' ? node.message : await pickMessage(context, vscode.l10n.t('Open Message'));
  if (message) {
    await context.documents.open(message);
  }
}

export async function copyMessageId(context: CommandContext, node?: TreeNode | KeyboardInvocation): Promise<void> {
  const messages = isKeyboardInvocation(node)
    ? selectedMessages(context).map((selected) => selected.message)
    : [node?.kind === 'message' ? node.message : await pickMessage(context, vscode.l10n.t('Copy Message ID'))].filter((message) => message !== undefined);
  if (messages.length > 0) {
    // Several selected messages: one id per line, ready to paste into a script.
    await vscode.env.clipboard.writeText(messages.map((message) => message.id).join('\n'));
    vscode.window.setStatusBarMessage(
      messages.length === 1 ? vscode.l10n.t('$(copy) Copied message ID {0}', untrustedText(messages[0].id, 60)) : vscode.l10n.t('$(copy) Copied {0} message IDs', messages.length),
      3000,
    );
  }
}

async function pickMessage(context: CommandContext, title: string): Promise<ScraperMessage | undefined> {
  const items = messagePickItems(context, vscode.l10n.t('There are no pending messages.'));
  const answer = items && (await context.prompts.pick({ title, placeholder: vscode.l10n.t('Pick a message'), items }));
  return typeof answer === 'object' ? answer : undefined;
}
