/**
 * "Acknowledge All Messages of Type…" on a message-type group (scrapehub.groupBy =
 * messageType). Acknowledging every KILL_REQUEST of every scraper at once is the widest
 * action the view offers, so the modal names the type, the count and how many scrapers.
 */
import * as vscode from 'vscode';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import { acknowledgeAndReport } from './acknowledge';
import type { CommandContext } from './commandContext';
import { requireServer } from './requireServer';

export async function acknowledgeAllOfType(context: CommandContext, node?: TreeNode): Promise<void> {
  requireServer(context);
  const type = node?.kind === 'type' ? node.name : node?.kind === 'message' ? node.message.messageType : await pickType(context);
  if (!type) {
    return;
  }
  const shownType = untrustedText(type, 40);
  // From the current data, not the node (it may be from before a refresh), like the scraper variant.
  const messages = context.store.groups().flatMap((group) => group.messages.filter((message) => message.messageType === type));
  if (messages.length === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no pending {0} messages.', shownType));
    return;
  }
  const scrapers = new Set(messages.map((message) => message.scraperName)).size;
  const confirmed = await context.prompts.confirm({
    message: messages.length === 1
      ? vscode.l10n.t('Acknowledge 1 pending {0} message?', shownType)
      : vscode.l10n.t('Acknowledge all {0} pending {1} messages, of {2} scrapers?', messages.length, shownType, scrapers),
    detail: vscode.l10n.t('Acknowledged messages disappear for everyone, including the scrapers. This cannot be undone.'),
    confirmLabel: vscode.l10n.t('Acknowledge All {0}', shownType),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, messages);
  }
}

async function pickType(context: CommandContext): Promise<string | undefined> {
  await context.store.refresh();
  const counts = new Map<string, number>();
  context.store.groups().forEach((group) => group.messages.forEach((message) => counts.set(message.messageType, (counts.get(message.messageType) ?? 0) + 1)));
  if (counts.size === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no pending messages to acknowledge.'));
    return undefined;
  }
  const answer = await context.prompts.pick({
    title: vscode.l10n.t('Acknowledge All Messages of Type'),
    placeholder: vscode.l10n.t('Message type whose pending messages to acknowledge'),
    items: [...counts].map(([type, count]) => ({ label: untrustedText(type, 40), description: vscode.l10n.t('{0} pending', count), value: type })),
  });
  return typeof answer === 'string' ? answer : undefined;
}
