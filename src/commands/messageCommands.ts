/** "Open Message", "Copy Message ID" and the like: from a tree node, or a picker from the palette. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { linkQuery } from '../model/deepLink';
import type { TreeNode } from '../views/treeNodes';
import { iconSafe } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { isKeyboardInvocation, selectedMessages, type KeyboardInvocation } from './keyboardTarget';
import { messagePickItems } from './messagePickItems';
import { requireServer } from './requireServer';

export async function openMessage(context: CommandContext, node?: TreeNode | KeyboardInvocation): Promise<void> {
  // The rows and the picker show this server's messages: the document is this server's.
  const server = requireServer(context);
  const message = isKeyboardInvocation(node)
    ? selectedMessages(context)[0]?.message
    : (nodeMessage(node) ?? (await pickMessage(context, vscode.l10n.t('Open Message'))));
  if (message) {
    await context.documents.open(server.address.origin, message);
  }
}

export async function copyMessageId(context: CommandContext, node?: TreeNode | KeyboardInvocation): Promise<void> {
  const messages = isKeyboardInvocation(node)
    ? selectedCopyableMessages(context)
    : [nodeMessage(node) ?? (await pickMessage(context, vscode.l10n.t('Copy Message ID')))].filter((message) => message !== undefined);
  if (messages.length > 0) {
    // Several selected messages: one id per line, ready to paste into a script.
    await vscode.env.clipboard.writeText(messages.map((message) => message.id).join('\n'));
    vscode.window.setStatusBarMessage(copiedIdsText(messages), 3000);
  }
}

/**
 * "Copy Message as JSON": the message exactly as the server sent it, for a bug report or
 * a script. From a pending or a recently acknowledged row.
 */
export async function copyMessageJson(context: CommandContext, node?: TreeNode | KeyboardInvocation): Promise<void> {
  const message = isKeyboardInvocation(node)
    ? selectedCopyableMessages(context)[0]
    : (nodeMessage(node) ?? (await pickMessage(context, vscode.l10n.t('Copy Message as JSON'))));
  if (message) {
    await vscode.env.clipboard.writeText(JSON.stringify(message, null, 2));
    vscode.window.setStatusBarMessage(copiedJsonText(message), 3000);
  }
}

/** The status bar draws `$(name)` as an icon: a server's id is shown as sent, not as icons. */
export function copiedIdsText(messages: readonly ScraperMessage[]): string {
  return messages.length === 1
    ? vscode.l10n.t('$(copy) Copied message ID {0}', iconSafe(messages[0].id, 60))
    : vscode.l10n.t('$(copy) Copied {0} message IDs', messages.length);
}

export function copiedJsonText(message: ScraperMessage): string {
  return vscode.l10n.t('$(copy) Copied message {0} as JSON', iconSafe(message.id, 60));
}

/**
 * "Copy Link to Message": a link that opens the Messages view on this message, for a chat
 * or a ticket. It names the server by its URL, which means the same to every colleague
 * (names are each user's own). asExternalUri makes it a link the browser can open where
 * VS Code runs in one (code-server's /callback, which hands it to the handler); on the
 * desktop it stays as it is.
 */
export async function copyMessageLink(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  const message = node?.kind === 'message' ? node.message : await pickMessage(context, vscode.l10n.t('Copy Link to Message'));
  if (!message) {
    return;
  }
  const text = `${vscode.env.uriScheme}://${context.extension.id}/open?${linkQuery([
    ['server', server.address.baseUrl],
    ['message', message.id],
  ])}`;
  const link = vscode.Uri.parse(text);
  const external = await vscode.env.asExternalUri(link);
  // Uri.toString() would encode the & and = of a callback URL's own query; its components
  // are already encoded as they must be. A link that stays as it is is copied as written.
  await vscode.env.clipboard.writeText(external.scheme === link.scheme ? text : external.toString(true));
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(link) Copied a link to message {0}', iconSafe(message.id, 60)), 3000);
}

/** The message of a pending or a recently acknowledged row. */
function nodeMessage(node: TreeNode | undefined): ScraperMessage | undefined {
  return node?.kind === 'message' || node?.kind === 'acknowledged' ? node.message : undefined;
}

/** Selected pending and acknowledged rows (copying is harmless for both, unlike acknowledging). */
function selectedCopyableMessages(context: CommandContext): ScraperMessage[] {
  return context.view.treeView.selection.map(nodeMessage).filter((message) => message !== undefined);
}

async function pickMessage(context: CommandContext, title: string): Promise<ScraperMessage | undefined> {
  const items = messagePickItems(context, vscode.l10n.t('There are no pending messages.'));
  const answer = items && (await context.prompts.pick({ title, placeholder: vscode.l10n.t('Pick a message'), items }));
  return typeof answer === 'object' ? answer : undefined;
}
