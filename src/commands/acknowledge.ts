/**
 * "Acknowledge Message" (one, or every selected message) and "Acknowledge All Messages
 * of Scraper…". From the palette, without a tree node, they ask with a picker.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { AckSummary } from '../state/acknowledger';
import type { MessageNode, TreeNode } from '../views/treeNodes';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { describeError, helpfulActions, runErrorAction } from './errorReporting';
import { isKeyboardInvocation, selectedMessages, type KeyboardInvocation } from './keyboardTarget';
import { messagePickItems } from './messagePickItems';
import { requireServer } from './requireServer';

/** Failures listed by name in the summary; the rest are counted. */
const LISTED_FAILURES = 3;

export async function acknowledgeMessage(context: CommandContext, node?: TreeNode | KeyboardInvocation, selection?: readonly TreeNode[]): Promise<void> {
  requireServer(context);
  if (isKeyboardInvocation(node)) {
    await acknowledgeSelection(context);
    return;
  }
  const messages = node ? messagesToAcknowledge(node, selection) : await pickMessages(context);
  if (!messages || messages.length === 0) {
    return;
  }
  await acknowledgeAndReport(context, messages);
}

export async function acknowledgeAll(context: CommandContext, node?: TreeNode): Promise<void> {
  requireServer(context);
  const name = node?.kind === 'scraper' ? node.name : node?.kind === 'message' ? node.message.scraperName : await pickScraper(context);
  if (name === undefined) {
    return;
  }
  const scraper = { name };
  // Take the messages from the current data, not the node: the node may be from before a refresh.
  const messages = context.store.groups().find((group) => group.name === scraper.name)?.messages ?? [];
  if (messages.length === 0) {
    context.notifier.show('info', vscode.l10n.t('"{0}" has no pending messages.', untrustedText(scraper.name)));
    return;
  }
  const confirmed = await context.prompts.confirm({
    message: messages.length === 1
      ? vscode.l10n.t('Acknowledge 1 pending message of "{0}"?', untrustedText(scraper.name))
      : vscode.l10n.t('Acknowledge all {0} pending messages of "{1}"?', messages.length, untrustedText(scraper.name)),
    detail: vscode.l10n.t('Acknowledged messages disappear for everyone, including the scraper. This cannot be undone.'),
    confirmLabel: vscode.l10n.t('Acknowledge'),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, messages);
  }
}

/** Delete/Backspace in the view: a key is easy to hit by accident, so it asks first. */
async function acknowledgeSelection(context: CommandContext): Promise<void> {
  const messages = selectedMessages(context).map((node) => node.message);
  if (messages.length === 0) {
    return;
  }
  const confirmed = await context.prompts.confirm({
    message: messages.length === 1
      ? vscode.l10n.t('Acknowledge the {0} message for "{1}"?', untrustedText(messages[0].messageType, 40), untrustedText(messages[0].scraperName))
      : vscode.l10n.t('Acknowledge {0} selected messages?', messages.length),
    detail: vscode.l10n.t('Acknowledged messages disappear for everyone, including the scraper.'),
    confirmLabel: vscode.l10n.t('Acknowledge'),
  });
  if (confirmed) {
    await acknowledgeAndReport(context, messages);
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

async function pickMessages(context: CommandContext): Promise<ScraperMessage[] | undefined> {
  await context.store.refresh();
  const items = messagePickItems(context, vscode.l10n.t('There are no pending messages to acknowledge.'));
  return items && context.prompts.pickMany({ title: vscode.l10n.t('Acknowledge Messages'), placeholder: vscode.l10n.t('Select the messages to acknowledge'), items });
}

/** From the store, not the tree: the tree may be grouped by type. */
async function pickScraper(context: CommandContext): Promise<string | undefined> {
  await context.store.refresh();
  const scrapers = context.store.groups().filter((group) => group.messages.length > 0);
  if (scrapers.length === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no pending messages to acknowledge.'));
    return undefined;
  }
  const answer = await context.prompts.pick({
    title: vscode.l10n.t('Acknowledge All Messages of Scraper'),
    placeholder: vscode.l10n.t('Scraper whose pending messages to acknowledge'),
    items: scrapers.map((group) => ({ label: untrustedText(group.name, 120), description: vscode.l10n.t('{0} pending', group.messages.length), value: group.name })),
  });
  return typeof answer === 'string' ? answer : undefined;
}

/** Acknowledges `messages` and says how it went (shared with new-message alerts and "Acknowledge All Messages of Type…"). */
export async function acknowledgeAndReport(context: CommandContext, messages: ScraperMessage[]): Promise<AckSummary> {
  const summary = await context.acknowledger.acknowledge(messages);
  if (summary.acknowledged.length > 0) {
    context.walkthrough.complete('acknowledge');
  }
  const done = summary.acknowledged.length + summary.alreadyAcknowledged.length;
  const elsewhere = summary.alreadyAcknowledged.length > 0
    ? ` ${vscode.l10n.t('{0} of them had already been acknowledged elsewhere.', summary.alreadyAcknowledged.length)}`
    : '';
  context.log.info(`[ack] ${summary.acknowledged.length} acknowledged, ${summary.alreadyAcknowledged.length} already, ${summary.failed.length} failed`);
  if (summary.failed.length === 0) {
    context.notifier.show('info', `${done === 1 ? vscode.l10n.t('Acknowledged 1 message.') : vscode.l10n.t('Acknowledged {0} messages.', done)}${elsewhere}`);
    return summary;
  }
  const listed = summary.failed.slice(0, LISTED_FAILURES).map(({ message, error }) => vscode.l10n.t('{0} ({1}): {2}', untrustedText(message.id, 60), untrustedText(message.scraperName, 60), describeError(error)));
  const more = summary.failed.length > LISTED_FAILURES ? vscode.l10n.t('; and {0} more', summary.failed.length - LISTED_FAILURES) : '';
  const firstError = summary.failed[0].error;
  const total = messages.length;
  void Promise.resolve(context.notifier.show(
    'error',
    vscode.l10n.t('Acknowledged {0} of {1} messages.{2} Failed, and shown again: {3}{4}.', done, total, elsewhere, listed.join('; '), more),
    ...helpfulActions(firstError),
  )).then((action) => runErrorAction(action, firstError, context.log));
  return summary;
}
