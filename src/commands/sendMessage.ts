/**
 * "Send Message…": guided input, a modal confirmation for KILL_REQUEST, one POST (never
 * repeated automatically), then refresh and reveal the new message. On failure the draft
 * is kept and the user chooses: send the same values again, or edit them.
 */
import * as vscode from 'vscode';
import { isScrapeHubError } from '../api/errors';
import type { SendMessageRequest } from '../api/types';
import { describeExpiry, toSendRequest, type SendDraft } from '../model/sendDraft';
import { runSendMessageFlow, type SendFlowContext, type SendStep } from '../ui/sendMessageFlow';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import type { CommandContext } from './commandContext';
import { describeError, helpfulActions, runErrorAction } from './errorReporting';
import { requireServer } from './requireServer';

const SEND_AGAIN = 'Send Again';
const RETRY = 'Retry';
const EDIT = 'Edit and Resend…';
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
    if (next.action === 'ask' && !(await runSendMessageFlow(context.prompts, draft, { ...extras, scraperSuggestions: await scraperSuggestions(context), now: Date.now }, next.startAt))) {
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

async function scraperSuggestions(context: CommandContext): Promise<string[]> {
  if (!context.store.user) {
    await Promise.race([context.store.refresh(), new Promise((resolve) => setTimeout(resolve, SUGGESTIONS_WAIT_MS))]);
  }
  const names = new Set(context.store.user?.scraperAssignments ?? []);
  context.store.groups().forEach((group) => names.add(group.name));
  return [...names].sort((a, b) => a.localeCompare(b));
}

function confirmKill(context: CommandContext, request: SendMessageRequest, draft: SendDraft): Promise<boolean> {
  const text = request.message ? `Message: "${untrustedText(request.message, 200)}"` : 'No message text.';
  return context.prompts.confirm({
    message: `Send KILL_REQUEST to "${request.scraperName}"?`,
    detail: `The scraper "${request.scraperName}" stops its current scrape when it reads this. ${text} It ${describeExpiry(draft.expiry)}.`,
    confirmLabel: 'Send KILL_REQUEST',
  });
}

async function deliver(context: CommandContext, request: SendMessageRequest): Promise<Next> {
  const server = requireServer(context);
  const what = `${request.messageType} to "${request.scraperName}"`;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Sending ${what}…` },
      () => server.client.sendMessage(request),
    );
    context.unsentDraft = undefined;
    context.log.info(`[send] sent ${what} as ${result.messageId}`);
    await context.store.refresh();
    await context.view.revealMessage(result.messageId);
    context.notifier.show('info', `Sent ${what}.`);
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
      `The server did not confirm the ${what} (${describeError(error)}). It may have been delivered: check the Messages view before sending it again.`,
      ...helpfulActions(error, [SEND_AGAIN, EDIT]),
    );
  } else {
    choice = await context.notifier.show('error', `Could not send ${what}: ${describeError(error)}`, ...helpfulActions(error, [RETRY, EDIT]));
  }
  if (choice === SEND_AGAIN || choice === RETRY) {
    return { action: 'send' };
  }
  if (choice === EDIT) {
    return { action: 'ask', startAt: 'scraper' };
  }
  await runErrorAction(choice, error, context.log);
  return { action: 'stop' };
}
