/**
 * "Acknowledge All Messages of Type…" on a message-type group (scrapehub.groupBy =
 * messageType). Acknowledging every KILL_REQUEST of every scraper at once is the widest
 * action the view offers, so the modal names the type, the count, how many scrapers, the
 * server, and what the filter leaves out.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import { acknowledgeAndReport } from './ackReport';
import type { CommandContext } from './commandContext';
import { hiddenByFilter, shownMessages } from './messagePickItems';
import { requireServer } from './requireServer';

export async function acknowledgeAllOfType(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  const type = node?.kind === 'type' ? node.name : node?.kind === 'message' ? node.message.messageType : await pickType(context);
  if (!type) {
    return;
  }
  const shownType = untrustedText(type, 40);
  const belongs = (message: ScraperMessage) => message.messageType === type;
  // What the rows show now, not the node's copy (it may be from before a refresh), like the scraper variant.
  const messages = shownMessages(context).filter(belongs);
  const others = hiddenByFilter(context, belongs);
  if (messages.length === 0) {
    context.notifier.show(
      'info',
      others > 0
        ? vscode.l10n.t('No pending {0} message matches the filter; {1} hidden by it stay pending.', shownType, others)
        : vscode.l10n.t('There are no pending {0} messages.', shownType),
    );
    return;
  }
  const scrapers = new Set(messages.map((message) => message.scraperName)).size;
  const on = untrustedText(server.label, 80);
  const confirmed = await context.prompts.confirm({
    message:
      messages.length === 1
        ? vscode.l10n.t('Acknowledge 1 pending {0} message?', shownType)
        : vscode.l10n.t('Acknowledge all {0} pending {1} messages, of {2} scrapers?', messages.length, shownType, scrapers),
    detail: [
      vscode.l10n.t('On {0}.', on),
      others > 0
        ? vscode.l10n.t('Only the messages the filter shows: {0} more {1} messages, hidden by the filter, stay pending.', others, shownType)
        : undefined,
      vscode.l10n.t('Acknowledged messages disappear for everyone, including the scrapers. This cannot be undone.'),
    ]
      .filter((line) => line !== undefined)
      .join('\n\n'),
    confirmLabel: vscode.l10n.t('Acknowledge All {0}', shownType),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, server, messages);
  }
}

async function pickType(context: CommandContext): Promise<string | undefined> {
  await context.store.refresh();
  const counts = new Map<string, number>();
  shownMessages(context).forEach((message) => counts.set(message.messageType, (counts.get(message.messageType) ?? 0) + 1));
  if (counts.size === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no pending messages to acknowledge.'));
    return undefined;
  }
  const answer = await context.prompts.pick({
    title: vscode.l10n.t('Acknowledge All Messages of Type'),
    placeholder: vscode.l10n.t('Message type whose pending messages to acknowledge'),
    items: [...counts].map(([type, count]) => ({
      label: untrustedText(type, 40),
      description: vscode.l10n.t('{0} pending', count),
      value: type,
    })),
  });
  return typeof answer === 'string' ? answer : undefined;
}
