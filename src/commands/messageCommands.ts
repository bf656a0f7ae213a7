/** "Open Message" and "Copy Message ID": from a tree node, or a picker from the palette. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { messageDescription, messageLabel, type TreeNode } from '../views/treeNodes';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';

export async function openMessage(context: CommandContext, node?: TreeNode): Promise<void> {
  const message = node?.kind === 'message' ? node.message : await pickMessage(context, 'Open Message');
  if (message) {
    await context.documents.open(message);
  }
}

export async function copyMessageId(context: CommandContext, node?: TreeNode): Promise<void> {
  const message = node?.kind === 'message' ? node.message : await pickMessage(context, 'Copy Message ID');
  if (message) {
    await vscode.env.clipboard.writeText(message.id);
    vscode.window.setStatusBarMessage(`$(copy) Copied message ID ${untrustedText(message.id, 60)}`, 3000);
  }
}

async function pickMessage(context: CommandContext, title: string): Promise<ScraperMessage | undefined> {
  const nodes = context.view.provider.allMessageNodes();
  if (nodes.length === 0) {
    context.notifier.show('info', 'There are no pending messages.');
    return undefined;
  }
  const now = Date.now();
  const answer = await context.prompts.pick({
    title,
    placeholder: 'Pick a message',
    items: nodes.map(({ message }) => ({
      label: messageLabel(message),
      description: `${untrustedText(message.scraperName, 60)} · ${messageDescription(message, now)}`,
      value: message,
    })),
  });
  return typeof answer === 'object' ? answer : undefined;
}
