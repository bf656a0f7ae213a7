/**
 * "Send Again" on a recently acknowledged message: the API has no un-acknowledge, so a
 * mistaken acknowledgement is recovered by sending the same scraper, type and text anew.
 * It opens the Send Message flow pre-filled (at the text step; Back reaches the rest) so
 * the user sees and confirms what goes out, KILL_REQUEST confirmation included. The
 * expiry rules are in model/sendAgain.ts.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import { planSendAgain } from '../model/sendAgain';
import type { ExpiryChoice } from '../model/sendDraft';
import { formatDuration, formatMinutes } from '../model/timeText';
import type { PickItem } from '../ui/prompts';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import type { CommandContext } from './commandContext';
import { requireServer } from './requireServer';
import { composeAndSend } from './sendMessage';

export async function sendAgain(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  const message = node?.kind === 'acknowledged' ? node.message : await pickAcknowledged(context);
  if (!message) {
    return;
  }
  const now = Date.now();
  const plan = planSendAgain(message, now);
  const extraExpiryChoices: PickItem<ExpiryChoice>[] = [];
  if (plan.sameMoment) {
    const at = new Date(plan.sameMoment.expiresAt).toLocaleString();
    extraExpiryChoices.push({
      label: vscode.l10n.t('Same as before: {0}', at),
      description: vscode.l10n.t('in {0}, as the acknowledged message', formatDuration(plan.sameMoment.expiresAt - now)),
      value: plan.sameMoment.choice,
    });
  }
  if (plan.sameDuration) {
    extraExpiryChoices.push({
      label: vscode.l10n.t('Same duration as before: {0}', formatMinutes(plan.sameDuration.minutes)),
      description: vscode.l10n.t('counted from sending'),
      value: plan.sameDuration.choice,
    });
  }
  const expiryPlaceholder = plan.expiryPassed
    ? vscode.l10n.t("The acknowledged message's expiry ({0}) has passed. Choose a new expiry.", untrustedText(message.expiresAt ?? '', 60))
    : undefined;
  context.log.info(`[send] send again: ${message.id} (${message.messageType} to ${message.scraperName})`);
  // A resend: a matching message already pending is pointed out before anything goes out.
  await composeAndSend(context, plan.draft, plan.startAt, {
    title: vscode.l10n.t('Send Again'),
    extraExpiryChoices,
    expiryPlaceholder,
    startedFor: server,
    resend: true,
  });
}

async function pickAcknowledged(context: CommandContext): Promise<ScraperMessage | undefined> {
  const entries = context.recentAcks.entries;
  if (entries.length === 0) {
    context.notifier.show('info', vscode.l10n.t('You have not acknowledged any message in this window yet.'));
    return undefined;
  }
  const answer = await context.prompts.pick({
    title: vscode.l10n.t('Send Again'),
    placeholder: vscode.l10n.t('Recently acknowledged message to send again'),
    items: entries.map(({ message }) => ({
      label: `${untrustedText(message.messageType, 40)}${message.message ? `: ${untrustedText(message.message, 80)}` : ''}`,
      description: untrustedText(message.scraperName, 60),
      value: message,
    })),
  });
  return typeof answer === 'object' ? answer : undefined;
}
