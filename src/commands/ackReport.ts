/**
 * Acknowledges messages of one server and tells the user what the server really did:
 * "Acknowledged" only counts answers (or later refreshes) that confirm it. Several
 * messages get a cancellable progress notification naming the server.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { AckSummary } from '../model/ackSummary';
import type { AckOptions } from '../state/ackSending';
import type { ActiveServer } from '../state/serverConnection';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';
import { describeError, helpfulActions, runErrorAction } from './errorReporting';

/** Failures listed by name in the summary; the rest are counted. */
const LISTED_FAILURES = 3;

/** Acknowledges `messages`, which `server` listed when the user saw or chose them. */
export async function acknowledgeAndReport(
  context: CommandContext,
  server: ActiveServer,
  messages: readonly ScraperMessage[],
): Promise<AckSummary> {
  const summary =
    messages.length <= 1
      ? await context.acknowledger.acknowledge(server, messages)
      : await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            cancellable: true,
            title: vscode.l10n.t('Acknowledging {0} messages on {1}', messages.length, untrustedText(server.label, 80)),
          },
          (progress, token) => context.acknowledger.acknowledge(server, messages, progressOptions(progress, token)),
        );
  report(context, server, summary);
  void summary.later?.then((later) => report(context, server, later, vscode.l10n.t('Checked with the server:')));
  return summary;
}

function progressOptions(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): AckOptions {
  return {
    token,
    onProgress: (settled, total) => progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1}', settled, total) }),
  };
}

function report(context: CommandContext, server: ActiveServer, summary: AckSummary, prefix?: string): void {
  const done = summary.acknowledged.length + summary.alreadyAcknowledged.length;
  const unsure = summary.unconfirmed.length + summary.stillUnknown.length;
  const total = done + summary.failed.length + summary.cancelled.length + unsure;
  context.log.info(
    `[ack] ${summary.acknowledged.length} acknowledged, ${summary.alreadyAcknowledged.length} already, ${summary.failed.length} failed, ${summary.unconfirmed.length} unconfirmed, ${summary.stillUnknown.length} still unknown, ${summary.cancelled.length} cancelled, ${summary.inFlight.length} in flight`,
  );
  if (summary.acknowledged.length > 0) {
    context.walkthrough.complete('acknowledge');
  }
  if (total === 0) {
    if (summary.inFlight.length > 0) {
      context.notifier.show('info', vscode.l10n.t('Already being acknowledged: not sent again.'));
    }
    return;
  }
  const clean = total === done;
  const head = clean
    ? done === 1
      ? vscode.l10n.t('Acknowledged 1 message.')
      : vscode.l10n.t('Acknowledged {0} messages.', done)
    : vscode.l10n.t('Acknowledged {0} of {1} messages.', done, total);
  // Nothing was checked when every one of them is still unknown.
  const checked = summary.stillUnknown.length < total ? prefix : undefined;
  const text = [checked, head, ...details(summary, server)].filter((part) => part !== undefined).join(' ');
  if (summary.failed.length === 0) {
    context.notifier.show(clean || unsure === 0 ? 'info' : 'warning', text);
    return;
  }
  const firstError = summary.failed[0].error;
  void Promise.resolve(context.notifier.show('error', text, ...helpfulActions(firstError))).then((action) =>
    runErrorAction(action, firstError, context.log),
  );
}

function details(summary: AckSummary, server: ActiveServer): (string | undefined)[] {
  const { failed } = summary;
  const listed = failed
    .slice(0, LISTED_FAILURES)
    .map(({ message, error }) =>
      vscode.l10n.t('{0} ({1}): {2}', untrustedText(message.id, 60), untrustedText(message.scraperName, 60), describeError(error)),
    );
  const more = failed.length > LISTED_FAILURES ? vscode.l10n.t('; and {0} more', failed.length - LISTED_FAILURES) : '';
  return [
    summary.alreadyAcknowledged.length > 0
      ? vscode.l10n.t('{0} of them had already been acknowledged elsewhere.', summary.alreadyAcknowledged.length)
      : undefined,
    summary.unconfirmed.length > 0
      ? vscode.l10n.t(
          '{0} got no clear answer: hidden until the next successful refresh shows whether the server acknowledged them.',
          summary.unconfirmed.length,
        )
      : undefined,
    summary.stillUnknown.length > 0
      ? vscode.l10n.t(
          '{0} could not be checked with {1} (no refresh succeeded in time, or the server changed): whether it acknowledged them is still unknown. They are shown again while {1} lists them.',
          summary.stillUnknown.length,
          untrustedText(server.label, 80),
        )
      : undefined,
    summary.cancelled.length > 0 ? vscode.l10n.t('{0} cancelled: not sent, still pending.', summary.cancelled.length) : undefined,
    failed.length > 0 ? vscode.l10n.t('Failed, and shown again: {0}{1}.', listed.join('; '), more) : undefined,
  ];
}
