/**
 * "Send Message…": guided input, a modal confirmation for KILL_REQUEST, one POST (never
 * repeated automatically), then refresh and reveal the new message. On failure the draft
 * is kept and the user chooses: send the same values again, or edit them.
 */
import * as vscode from 'vscode';
import { isScrapeHubError } from '../api/errors';
import type { SendMessageRequest } from '../api/types';
import { mayMessage, scraperAccess, scraperChoices } from '../model/scraperAccess';
import { describeExpiry, toSendRequest, type SendDraft } from '../model/sendDraft';
import { runSendMessageFlow, type SendFlowContext, type SendStep } from '../ui/sendMessageFlow';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import type { CommandContext } from './commandContext';
import { describeError, helpfulActions, runErrorAction } from './errorReporting';
import { requireServer } from './requireServer';

const SEND_AGAIN = vscode.l10n.t('Send Again');
const RETRY = vscode.l10n.t('Retry');
const EDIT = vscode.l10n.t('Edit and Resend…');
/** How long the picker waits for the first load of assignments before opening anyway. */
const SUGGESTIONS_WAIT_MS = 1500;

type Next = { action: 'ask'; startAt: SendStep } | { action: 'send' } | { action: 'stop' };

export async function sendMessage(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  if (!(await context.connection.hasKey()) && !(await promptAndStoreApiKey(context, server.address.origin))) {
    return;
  }
  const draft: SendDraft = { ...context.unsentDraft };
  const scraperName = node?.kind === 'scraper' ? node.name : node?.kind === 'message' ? node.message.scraperName : undefined;
  if (scraperName) {
    draft.scraperName = scraperName;
  }
  await composeAndSend(context, draft, scraperName ? 'type' : 'scraper');
}

/** Flow options beyond the defaults, e.g. Send Again's title and expiry choices. */
export type FlowExtras = Pick<SendFlowContext, 'title' | 'extraExpiryChoices' | 'expiryPlaceholder'>;

/**
 * Runs the flow from `startAt` on `draft` (kept as the unsent draft), confirms a
 * KILL_REQUEST, sends once, and offers retry or edit after a failure. Shared by
 * Send Message and Send Again.
 */
export async function composeAndSend(context: CommandContext, draft: SendDraft, startAt: SendStep, extras: FlowExtras = {}): Promise<void> {
  context.unsentDraft = draft;
  let next: Next = { action: 'ask', startAt };
  while (next.action !== 'stop') {
    if (next.action === 'ask' && !(await runSendMessageFlow(context.prompts, draft, { ...extras, ...(await scraperStep(context)) }, next.startAt))) {
      return; // Dismissed: the draft stays in context.unsentDraft for next time.
    }
    const checked = toSendRequest(draft, Date.now());
    if (!checked.ok) {
      context.notifier.show('warning', checked.problem);
      next = { action: 'ask', startAt: 'expiry' };
      continue;
    }
    if (checked.request.messageType === 'KILL_REQUEST' && !(await confirmKill(context, checked.request, draft))) {
      return;
    }
    // Built again now: "in 15 minutes" counts from sending, not from opening the confirmation.
    const atSend = toSendRequest(draft, Date.now());
    if (!atSend.ok) {
      context.notifier.show('warning', atSend.problem);
      next = { action: 'ask', startAt: 'expiry' };
      continue;
    }
    next = await deliver(context, atSend.request);
  }
}

/**
 * The scrapers to offer and which ones to warn about, from the user's assignments and
 * roles as the store last read them (once per connection, then every few minutes): no
 * request of its own, let alone one per keystroke.
 */
async function scraperStep(context: CommandContext): Promise<SendFlowContext> {
  if (!context.store.user) {
    await Promise.race([context.store.refresh(), new Promise((resolve) => setTimeout(resolve, SUGGESTIONS_WAIT_MS))]);
  }
  const access = scraperAccess(context.store.user);
  const known = new Set(context.store.knownScraperNames());
  context.store.groups().forEach((group) => known.add(group.name));
  return {
    scraperSuggestions: scraperChoices(access, known),
    scraperWarning: (name) => (mayMessage(access, name) ? undefined : vscode.l10n.t('You are not assigned to this scraper; the server will probably refuse.')),
    now: Date.now,
  };
}

function confirmKill(context: CommandContext, request: SendMessageRequest, draft: SendDraft): Promise<boolean> {
  const text = request.message ? vscode.l10n.t('Message: "{0}"', untrustedText(request.message, 200)) : vscode.l10n.t('No message text.');
  return context.prompts.confirm({
    message: vscode.l10n.t('Send KILL_REQUEST to "{0}"?', request.scraperName),
    detail: vscode.l10n.t('The scraper "{0}" stops its current scrape when it reads this. {1} It {2}.', request.scraperName, text, describeExpiry(draft.expiry)),
    confirmLabel: vscode.l10n.t('Send KILL_REQUEST'),
  });
}

async function deliver(context: CommandContext, request: SendMessageRequest): Promise<Next> {
  const server = requireServer(context);
  const what = vscode.l10n.t('{0} to "{1}"', request.messageType, request.scraperName);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0}…', what) },
      () => context.sentHere.track(request, server.client.sendMessage(request), (error) => isScrapeHubError(error) && error.mayHaveReachedServer),
    );
    context.unsentDraft = undefined;
    context.walkthrough.complete('sendMessage');
    context.log.info(`[send] sent ${what} as ${result.messageId}`);
    await context.store.refresh();
    await context.view.revealMessage(result.messageId);
    context.notifier.show('info', vscode.l10n.t('Sent {0}.', what));
    return { action: 'stop' };
  } catch (error) {
    return askAfterFailure(context, what, error);
  }
}

async function askAfterFailure(context: CommandContext, what: string, error: unknown): Promise<Next> {
  context.log.error(`[send] ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  let choice: string | undefined;
  if (isScrapeHubError(error) && error.mayHaveReachedServer) {
    // Ambiguous: the server may have stored it. Never resend on our own; show the truth.
    void context.store.refresh();
    choice = await context.notifier.show(
      'warning',
      vscode.l10n.t('The server did not confirm the {0} ({1}). It may have been delivered: check the Messages view before sending it again.', what, describeError(error)),
      ...helpfulActions(error, [SEND_AGAIN, EDIT]),
    );
  } else {
    choice = await context.notifier.show('error', vscode.l10n.t('Could not send {0}: {1}', what, describeError(error)), ...helpfulActions(error, [RETRY, EDIT]));
  }
  if (choice === SEND_AGAIN || choice === RETRY) {
    return { action: 'send' };
  }
  if (choice === EDIT) {
    if (isScrapeHubError(error) && error.kind === 'forbidden') {
      // Refused for this scraper: the assignments may have changed (or been asked for)
      // since we last read them, and the form warns from them.
      await context.store.refresh({ manual: true });
    }
    return { action: 'ask', startAt: 'scraper' };
  }
  await runErrorAction(choice, error, context.log);
  return { action: 'stop' };
}
