/**
 * "Acknowledge Message" (one, or every selected message) and "Acknowledge All Messages
 * of Scraper…". From the palette, without a tree node, they ask with a picker. Each
 * captures the server when it starts, so what the user saw is acknowledged there or nowhere.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { ActiveServer } from '../state/serverConnection';
import type { MessageNode, TreeNode } from '../views/treeNodes';
import { untrustedText } from '../util/untrustedText';
import { acknowledgeAndReport } from './ackReport';
import type { CommandContext } from './commandContext';
import { isKeyboardInvocation, selectedMessages, type KeyboardInvocation } from './keyboardTarget';
import { hiddenByFilter, messagePickItems, shownMessages } from './messagePickItems';
import { requireServer } from './requireServer';

export { acknowledgeAndReport } from './ackReport';

export async function acknowledgeMessage(
  context: CommandContext,
  node?: TreeNode | KeyboardInvocation,
  selection?: readonly TreeNode[],
): Promise<void> {
  const server = requireServer(context);
  if (isKeyboardInvocation(node)) {
    await acknowledgeSelection(context, server);
    return;
  }
  const messages = node ? messagesToAcknowledge(node, selection) : await pickMessages(context, server);
  if (!messages || messages.length === 0) {
    return;
  }
  await acknowledgeAndReport(context, server, messages);
}

export async function acknowledgeAll(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  const name = node?.kind === 'scraper' ? node.name : node?.kind === 'message' ? node.message.scraperName : await pickScraper(context);
  if (name === undefined) {
    return;
  }
  const scraper = untrustedText(name);
  const belongs = (message: ScraperMessage) => message.scraperName === name;
  // What the rows show now, not the node's copy: the node may be from before a refresh.
  const messages = shownMessages(context).filter(belongs);
  const others = hiddenByFilter(context, belongs);
  if (messages.length === 0) {
    context.notifier.show(
      'info',
      others > 0
        ? vscode.l10n.t('No pending message of "{0}" matches the filter; {1} hidden by it stay pending.', scraper, others)
        : vscode.l10n.t('"{0}" has no pending messages.', scraper),
    );
    return;
  }
  const confirmed = await context.prompts.confirm({
    message:
      messages.length === 1
        ? vscode.l10n.t('Acknowledge 1 pending message of "{0}"?', scraper)
        : vscode.l10n.t('Acknowledge all {0} pending messages of "{1}"?', messages.length, scraper),
    detail: [
      vscode.l10n.t('On {0}.', untrustedText(server.label, 80)),
      others > 0
        ? vscode.l10n.t('Only the messages the filter shows: {0} more of "{1}", hidden by the filter, stay pending.', others, scraper)
        : undefined,
      vscode.l10n.t('Acknowledged messages disappear for everyone, including the scraper. This cannot be undone.'),
    ]
      .filter((line) => line !== undefined)
      .join('\n\n'),
    confirmLabel: vscode.l10n.t('Acknowledge'),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, server, messages);
  }
}

/** Delete/Backspace in the view: a key is easy to hit by accident, so it asks first. */
async function acknowledgeSelection(context: CommandContext, server: ActiveServer): Promise<void> {
  const messages = selectedMessages(context).map((node) => node.message);
  if (messages.length === 0) {
    return;
  }
  const confirmed = await context.prompts.confirm({
    message:
      messages.length === 1
        ? vscode.l10n.t(
            'Acknowledge the {0} message for "{1}"?',
            untrustedText(messages[0].messageType, 40),
            untrustedText(messages[0].scraperName),
          )
        : vscode.l10n.t('Acknowledge {0} selected messages?', messages.length),
    detail: `${vscode.l10n.t('On {0}.', untrustedText(server.label, 80))}\n\n${vscode.l10n.t('Acknowledged messages disappear for everyone, including the scraper.')}`,
    confirmLabel: vscode.l10n.t('Acknowledge'),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, server, messages);
  }
}

/** The clicked message, or the whole selection when the clicked one is part of it. */
function messagesToAcknowledge(node: TreeNode, selection: readonly TreeNode[] | undefined): ScraperMessage[] {
  const selected = (selection ?? []).filter((item): item is MessageNode => item.kind === 'message');
  if (node.kind === 'message' && selected.some((item) => item.message.id === node.message.id)) {
    return selected.map((item) => item.message);
  }
  return node.kind === 'message' ? [node.message] : [];
}

async function pickMessages(context: CommandContext, server: ActiveServer): Promise<ScraperMessage[] | undefined> {
  await context.store.refresh();
  if (!context.connection.isCurrent(server)) {
    return undefined; // Changed while refreshing: the store now shows the other server's messages.
  }
  const items = messagePickItems(context, vscode.l10n.t('There are no pending messages to acknowledge.'));
  return (
    items &&
    context.prompts.pickMany({
      title: vscode.l10n.t('Acknowledge Messages'),
      placeholder: vscode.l10n.t('Select the messages to acknowledge'),
      items,
    })
  );
}

/** From the rows, not the tree's groups: the tree may be grouped by type. */
async function pickScraper(context: CommandContext): Promise<string | undefined> {
  await context.store.refresh();
  const counts = new Map<string, number>();
  shownMessages(context).forEach((message) => counts.set(message.scraperName, (counts.get(message.scraperName) ?? 0) + 1));
  if (counts.size === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no pending messages to acknowledge.'));
    return undefined;
  }
  const answer = await context.prompts.pick({
    title: vscode.l10n.t('Acknowledge All Messages of Scraper'),
    placeholder: vscode.l10n.t('Scraper whose pending messages to acknowledge'),
    items: [...counts].map(([name, count]) => ({
      label: untrustedText(name, 120),
      description: vscode.l10n.t('{0} pending', count),
      value: name,
    })),
  });
  return typeof answer === 'string' ? answer : undefined;
}
