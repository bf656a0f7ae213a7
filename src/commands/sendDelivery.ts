/**
 * One POST of a composed message to the server it was composed for, and what follows:
 * sent; certainly not sent (Retry is safe); or unknown — then the messages are refreshed
 * and searched for it before anything is offered, and nothing goes out again without
 * the user's click after being told.
 */
import * as vscode from 'vscode';
import { isScrapeHubError, type ScrapeHubError } from '../api/errors';
import type { SendMessageRequest } from '../api/types';
import { sameContent } from '../model/sentMessages';
import type { SendStep } from '../ui/sendMessageFlow';
import type { Prompts } from '../ui/prompts';
import type { ActiveServer } from '../state/serverConnection';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { describeError, helpfulActions, runErrorAction } from './errorReporting';
import { beginSend, checkDelivered, pendingMessages as pending, post, type SendAttempt } from './sendAttempt';
import { ensureBound, isServerChanged } from './sendBinding';

const SEND_AGAIN = vscode.l10n.t('Send Again');
const RETRY = vscode.l10n.t('Retry');
const EDIT = vscode.l10n.t('Edit and Resend…');

export type Next = { action: 'ask'; startAt: SendStep } | { action: 'send' } | { action: 'stop' };
const STOP: Next = { action: 'stop' };

/** A send in progress: the server it is for, and prompts that stop when that server is replaced. */
export interface BoundSend {
  context: CommandContext;
  server: ActiveServer;
  prompts: Prompts;
}

export function describeSend(request: SendMessageRequest): string {
  return vscode.l10n.t('{0} to "{1}"', request.messageType, untrustedText(request.scraperName, 100));
}

/**
 * Sends `request` once to the bound server. `resend`: the user already tried this draft,
 * so a matching pending message is pointed out first. Throws `serverChanged` when the
 * bound server was replaced (nothing was sent).
 */
export async function deliver(send: BoundSend, request: SendMessageRequest, resend: boolean): Promise<Next> {
  const { context, server } = send;
  const what = describeSend(request);
  if (resend && !(await confirmDespitePending(send, request, what))) {
    return STOP;
  }
  const attempt = beginSend(context, server, request);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0} on {1}…', what, server.label) },
      () => post(context, server, attempt),
    );
    context.log.info(`[send] sent ${what} on ${server.label} as ${result.messageId}`);
    if (context.connection.isCurrent(server)) {
      await context.store.refresh();
    }
    await finish(send, result.messageId, vscode.l10n.t('Sent {0} on {1}.', what, server.label));
    return STOP;
  } catch (error) {
    if (isServerChanged(error)) {
      throw error;
    }
    context.log.error(`[send] ${what} on ${server.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (isScrapeHubError(error) && error.mayHaveReachedServer) {
      return reconcile(send, { attempt, what, error });
    }
    const choice = await context.notifier.show(
      'error',
      vscode.l10n.t('Could not send {0} on {1}: {2}', what, server.label, describeError(error)),
      ...helpfulActions(error, [RETRY, EDIT]),
    );
    return followUp(send, choice, error);
  }
}

async function finish(send: BoundSend, messageId: string, notice: string): Promise<void> {
  const { context, server } = send;
  context.unsentDraft = undefined;
  context.walkthrough.complete('sendMessage');
  if (context.connection.isCurrent(server)) {
    await context.view.revealMessage(messageId);
  }
  context.notifier.show('info', notice);
}

interface Unknown {
  attempt: SendAttempt;
  what: string;
  error: ScrapeHubError;
}

/** The answer was lost: refresh the bound server's messages and look for this one before offering anything. */
async function reconcile(send: BoundSend, sent: Unknown): Promise<Next> {
  const { context, server } = send;
  const { what, error } = sent;
  const check = await checkDelivered(context, server, sent.attempt, (refresh) =>
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('The server did not confirm the {0} on {1}: it may have been delivered. Checking…', what, server.label),
      },
      refresh,
    ),
  );
  if (check.kind === 'serverChanged') {
    context.notifier.show(
      'warning',
      vscode.l10n.t(
        'The server did not confirm the {0} on {1}, so it may have been delivered there. The active server has changed since, so this could not be checked: look at {1} before sending it again.',
        what,
        server.label,
      ),
    );
    return STOP;
  }
  if (check.kind === 'listed') {
    context.log.info(`[send] ${what} on ${server.label} was delivered as ${check.message.id} (listed after an unconfirmed send)`);
    await finish(
      send,
      check.message.id,
      vscode.l10n.t('The {0} on {1} was delivered: the server did not confirm it, but it is listed now.', what, server.label),
    );
    return STOP;
  }
  const text =
    check.kind === 'notListed'
      ? vscode.l10n.t(
          'The server did not confirm the {0} on {1} ({2}), and it is not listed after a refresh. It may not have been delivered, or the scraper may already have read it.',
          what,
          server.label,
          describeError(error),
        )
      : vscode.l10n.t(
          'The server did not confirm the {0} on {1} ({2}), and the messages could not be refreshed to check. It may have been delivered: look before sending it again.',
          what,
          server.label,
          describeError(error),
        );
  const choice = await context.notifier.show('warning', text, ...helpfulActions(error, [SEND_AGAIN, EDIT]));
  return followUp(send, choice, error);
}

async function followUp(send: BoundSend, choice: string | undefined, error: unknown): Promise<Next> {
  const { context, server } = send;
  if (choice === SEND_AGAIN || choice === RETRY) {
    return { action: 'send' };
  }
  if (choice === EDIT) {
    if (isScrapeHubError(error) && error.kind === 'forbidden' && context.connection.isCurrent(server)) {
      // Refused for this scraper: the assignments may have changed (or been asked for)
      // since we last read them, and the form warns from them.
      await context.store.refresh({ manual: true });
    }
    return { action: 'ask', startAt: 'scraper' };
  }
  await runErrorAction(choice, error, context.log);
  return STOP;
}

/** Before a resend: a message with the same content already pending may be the earlier attempt. */
async function confirmDespitePending(send: BoundSend, request: SendMessageRequest, what: string): Promise<boolean> {
  const { context, server } = send;
  ensureBound(context, server);
  await context.store.refresh();
  ensureBound(context, server);
  const match = pending(context.store).find((message) => sameContent(request, message));
  if (!match) {
    return true;
  }
  return send.prompts.confirm({
    message: vscode.l10n.t('A matching {0} is already pending on {1}. Send another one?', what, server.label),
    detail: vscode.l10n.t(
      'The pending message {0} (created {1}) has the same scraper, type and text; it may be the one sent before. The scraper acts on each message it reads.',
      untrustedText(match.id, 80),
      new Date(match.createdAt).toLocaleString(),
    ),
    confirmLabel: vscode.l10n.t('Send Another'),
  });
}
