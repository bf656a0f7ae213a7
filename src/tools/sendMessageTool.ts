/**
 * scrapehub_sendMessage: the Send form's rules for a model. The confirmation names server,
 * scraper, type, text and expiry; the send goes to the server that confirmation named, or
 * nowhere; a KILL_REQUEST takes two calls (see killConfirmations.ts). The POST and the
 * check after a lost answer are the form's own (commands/sendAttempt.ts): never retried,
 * and an unknown outcome is told as "may have been delivered", never as a failure.
 */
import * as vscode from 'vscode';
import { isScrapeHubError } from '../api/errors';
import type { SendMessageRequest } from '../api/types';
import type { CommandContext } from '../commands/commandContext';
import { describeError } from '../commands/errorReporting';
import { beginSend, checkDelivered, post, type SendAttempt } from '../commands/sendAttempt';
import { isServerChanged } from '../commands/sendBinding';
import { mayMessage, scraperAccess } from '../model/scraperAccess';
import type { ActiveServer } from '../state/serverConnection';
import { plainText, untrustedText } from '../util/untrustedText';
import { TOKEN_LIFETIME_MS, type KillConfirmations } from './killConfirmations';
import { checkSendInput, type SendInput } from './toolInput';
import { killPreviewText, requestText, sendConfirmation, tokenRefusal } from './sendToolText';
import { PreparedCalls, serverChangedText, textResult, usableServer } from './toolSupport';

export class SendMessageTool implements vscode.LanguageModelTool<unknown> {
  private readonly prepared = new PreparedCalls();

  constructor(
    private readonly context: CommandContext,
    private readonly kills: KillConfirmations<ActiveServer>,
  ) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): vscode.PreparedToolInvocation {
    const server = this.context.connection.active;
    this.prepared.remember(options.input, server);
    const input = checkSendInput(options.input, Date.now());
    if (!input.ok || !server) {
      return { invocationMessage: vscode.l10n.t('Checking a ScrapeHub message') };
    }
    const { request, confirmationToken } = input.value;
    // Calls that cannot send (a kill's preview, a token that will be refused) need no confirmation.
    if (request.messageType === 'KILL_REQUEST' && (!confirmationToken || this.kills.check(confirmationToken, server, request) !== 'ok')) {
      return { invocationMessage: vscode.l10n.t('Preparing a KILL_REQUEST preview (nothing is sent)') };
    }
    return {
      invocationMessage: vscode.l10n.t(
        'Sending {0} to "{1}" on {2}',
        request.messageType,
        plainText(request.scraperName, 100),
        plainText(server.label, 80),
      ),
      confirmationMessages: sendConfirmation(server, request, this.roleWarning(request)),
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    const preparedFor = this.prepared.take(options.input);
    const input = checkSendInput(options.input, Date.now());
    if (!input.ok) {
      return textResult(input.problem);
    }
    if (preparedFor === 'unprepared') {
      return textResult(vscode.l10n.t('This call was not prepared by VS Code, so nothing was sent.'));
    }
    const server = await usableServer(this.context, preparedFor);
    if (typeof server === 'string') {
      return textResult(server);
    }
    if (!this.context.connection.isCurrent(server)) {
      return textResult(serverChangedText(this.context, server));
    }
    const refusal = this.killStep(server, input.value);
    if (refusal) {
      return textResult(refusal);
    }
    if (input.value.request.messageType === 'KILL_REQUEST' && !(await this.personConfirmsKill(server, input.value.request))) {
      return textResult(vscode.l10n.t('The user did not confirm the KILL_REQUEST in VS Code. Nothing was sent.'));
    }
    // A switch while the modal was open is caught where every send is: the client refuses (serverChanged).
    return textResult(await this.send(server, input.value.request));
  }

  /**
   * VS Code's own confirmation of a tool call can be set to "Always allow", and the model
   * holds the token: so a KILL_REQUEST is also confirmed in a modal of ours, which nothing
   * but the person can answer.
   */
  private personConfirmsKill(server: ActiveServer, request: SendMessageRequest): Promise<boolean> {
    const scraper = untrustedText(request.scraperName, 100);
    const text = request.message ? vscode.l10n.t('Message: "{0}"', untrustedText(request.message, 200)) : vscode.l10n.t('No message text.');
    return this.context.prompts.confirm({
      message: vscode.l10n.t('Send KILL_REQUEST to "{0}" on {1}?', scraper, server.label),
      detail: [
        vscode.l10n.t('A chat agent asks to send this. The scraper "{0}" stops its current scrape when it reads it. {1}', scraper, text),
        vscode.l10n.t('Server: {0}', server.address.baseUrl),
      ].join('\n\n'),
      confirmLabel: vscode.l10n.t('Send KILL_REQUEST'),
    });
  }

  /** For a KILL_REQUEST: the preview (first call) or a refusal; undefined when it may be sent. */
  private killStep(server: ActiveServer, { request, confirmationToken }: SendInput): string | undefined {
    if (request.messageType !== 'KILL_REQUEST') {
      return undefined;
    }
    if (!confirmationToken) {
      const { token } = this.kills.issue(server, request);
      this.context.log.info(`[tool] KILL_REQUEST preview for ${server.label}; nothing sent`);
      return killPreviewText(server, request, token, TOKEN_LIFETIME_MS / 60_000, this.roleWarning(request));
    }
    const check = this.kills.redeem(confirmationToken, server, request);
    return check === 'ok' ? undefined : tokenRefusal(check, server);
  }

  private async send(server: ActiveServer, request: SendMessageRequest): Promise<string> {
    const what = requestText(request);
    let attempt: SendAttempt | undefined;
    try {
      attempt = beginSend(this.context, server, request);
      const result = await post(this.context, server, attempt);
      this.context.log.info(`[tool] sent ${request.messageType} on ${server.label} as ${result.messageId}`);
      if (this.context.connection.isCurrent(server)) {
        void this.context.store.refresh();
      }
      return vscode.l10n.t(
        'Sent: {0}, on the ScrapeHub server "{1}". Message id {2}.',
        what,
        server.label,
        JSON.stringify(result.messageId),
      );
    } catch (error) {
      if (isServerChanged(error)) {
        return serverChangedText(this.context, server);
      }
      this.context.log.error(
        `[tool] ${request.messageType} on ${server.label} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (attempt && isScrapeHubError(error) && error.mayHaveReachedServer) {
        return this.unknownOutcome(server, attempt, what, describeError(error));
      }
      return vscode.l10n.t(
        'Not sent: {0}, on the ScrapeHub server "{1}": {2}. The server did not act on it.',
        what,
        server.label,
        describeError(error),
      );
    }
  }

  private async unknownOutcome(server: ActiveServer, attempt: SendAttempt, what: string, why: string): Promise<string> {
    const head = vscode.l10n.t(
      'The server "{0}" did not confirm: {1} ({2}). It MAY HAVE BEEN DELIVERED. Do not send it again without asking the user.',
      server.label,
      what,
      why,
    );
    const check = await checkDelivered(this.context, server, attempt);
    switch (check.kind) {
      case 'listed':
        return vscode.l10n.t(
          'Delivered: {0}, on the ScrapeHub server "{1}". The server did not confirm it, but it is listed now as message id {2}.',
          what,
          server.label,
          JSON.stringify(check.message.id),
        );
      case 'notListed':
        return `${head} ${vscode.l10n.t('It is not listed after a refresh: it may not have been delivered, or the scraper may already have read it.')}`;
      default:
        return `${head} ${vscode.l10n.t('The messages could not be checked for it.')}`;
    }
  }

  private roleWarning(request: SendMessageRequest): string | undefined {
    return mayMessage(scraperAccess(this.context.store.user), request.scraperName)
      ? undefined
      : vscode.l10n.t('You are not assigned to this scraper; the server will probably refuse.');
  }
}
