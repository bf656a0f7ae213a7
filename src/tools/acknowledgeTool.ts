/**
 * scrapehub_acknowledgeMessages: acknowledges messages the current server lists, through
 * the view's own Acknowledger (optimistic hide, unclear answers checked against the next
 * list). An id the store does not list as pending on the server the confirmation named
 * (another server's, acknowledged, expired, made up) refuses the whole call.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { CommandContext } from '../commands/commandContext';
import { describeError } from '../commands/errorReporting';
import { isServerChanged } from '../commands/sendBinding';
import type { AckSummary } from '../model/ackSummary';
import type { ActiveServer } from '../state/serverConnection';
import { markdownEscaped, plainText } from '../util/untrustedText';
import { checkAckInput } from './toolInput';
import { PreparedCalls, serverChangedText, textResult, usableServer } from './toolSupport';

const q = (value: string, maxLength = 100): string => JSON.stringify(plainText(value, maxLength));
const ids = (messages: readonly ScraperMessage[]): string => messages.map((message) => q(message.id, 80)).join(', ');

export class AcknowledgeTool implements vscode.LanguageModelTool<unknown> {
  private readonly prepared = new PreparedCalls();

  constructor(private readonly context: CommandContext) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): vscode.PreparedToolInvocation {
    const server = this.context.connection.active;
    this.prepared.remember(options.input, server);
    const input = checkAckInput(options.input);
    const found = input.ok && server ? this.lookUp(input.value.ids) : undefined;
    if (!server || !found || found.missing.length > 0) {
      return { invocationMessage: vscode.l10n.t('Checking ScrapeHub message ids') };
    }
    const lines = found.messages.map(
      (message) =>
        `- ${markdownEscaped(message.id, 80)}: ${markdownEscaped(message.messageType, 40)} ${vscode.l10n.t('for')} ${markdownEscaped(message.scraperName, 100)}${message.message ? ` — ${markdownEscaped(message.message, 120)}` : ''}`,
    );
    const count = found.messages.length;
    return {
      invocationMessage: vscode.l10n.t('Acknowledging {0} message(s) on {1}', count, server.label),
      confirmationMessages: {
        title:
          count === 1
            ? vscode.l10n.t('Acknowledge 1 message on {0}?', plainText(server.label, 80))
            : vscode.l10n.t('Acknowledge {0} messages on {1}?', count, plainText(server.label, 80)),
        message: new vscode.MarkdownString(
          [
            vscode.l10n.t('**Server:** {0} ({1})', markdownEscaped(server.label, 80), markdownEscaped(server.address.baseUrl)),
            ...lines,
            vscode.l10n.t('Acknowledged messages disappear for everyone, including the scraper. This cannot be undone.'),
          ].join('  \n'),
        ),
      },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    const preparedFor = this.prepared.take(options.input);
    const input = checkAckInput(options.input);
    if (!input.ok) {
      return textResult(input.problem);
    }
    if (preparedFor === 'unprepared') {
      return textResult(vscode.l10n.t('This call was not prepared by VS Code, so nothing was acknowledged.'));
    }
    const server = await usableServer(this.context, preparedFor);
    if (typeof server === 'string') {
      return textResult(server);
    }
    if (!this.context.connection.isCurrent(server)) {
      return textResult(serverChangedText(this.context, server));
    }
    const { messages, missing } = this.lookUp(input.value.ids);
    if (missing.length > 0) {
      return textResult(
        vscode.l10n.t(
          'Nothing was acknowledged: {0} is not pending on the ScrapeHub server "{1}" (from another server, already acknowledged, expired, or not an id). Call scrapehub_listPendingMessages for the current ids.',
          missing.map((id) => q(id, 80)).join(', '),
          server.label,
        ),
      );
    }
    try {
      return textResult(summaryText(server, await this.context.acknowledger.acknowledge(server, messages)));
    } catch (error) {
      return textResult(isServerChanged(error) ? serverChangedText(this.context, server) : describeError(error));
    }
  }

  /** The pending messages of the current store (the active server's) with these ids. */
  private lookUp(wanted: readonly string[]): { messages: ScraperMessage[]; missing: string[] } {
    const pending = new Map(
      this.context.store.groups().flatMap((group) => group.messages.map((message) => [message.id, message] as const)),
    );
    const messages: ScraperMessage[] = [];
    const missing: string[] = [];
    for (const id of wanted) {
      const message = pending.get(id);
      if (message) {
        messages.push(message);
      } else {
        missing.push(id);
      }
    }
    return { messages, missing };
  }
}

/** What the server really did, per group; unclear answers are never called failures. */
export function summaryText(server: ActiveServer, summary: AckSummary): string {
  const parts = [vscode.l10n.t('On the ScrapeHub server "{0}":', server.label)];
  if (summary.acknowledged.length > 0) {
    parts.push(vscode.l10n.t('acknowledged {0}.', ids(summary.acknowledged)));
  }
  if (summary.alreadyAcknowledged.length > 0) {
    parts.push(vscode.l10n.t('already acknowledged elsewhere: {0}.', ids(summary.alreadyAcknowledged)));
  }
  if (summary.inFlight.length > 0) {
    parts.push(vscode.l10n.t('already being acknowledged, not sent again: {0}.', ids(summary.inFlight)));
  }
  if (summary.unconfirmed.length > 0) {
    parts.push(
      vscode.l10n.t(
        'no clear answer for {0}: they MAY HAVE BEEN ACKNOWLEDGED; the next refresh settles it. Do not acknowledge them again.',
        ids(summary.unconfirmed),
      ),
    );
  }
  if (summary.cancelled.length > 0) {
    parts.push(vscode.l10n.t('cancelled, still pending: {0}.', ids(summary.cancelled)));
  }
  for (const { message, error } of summary.failed) {
    parts.push(vscode.l10n.t('not acknowledged {0}: {1}.', q(message.id, 80), describeError(error)));
  }
  return parts.join(' ');
}
