/** The send tool's confirmation and its answers to the model, each naming the server. */
import * as vscode from 'vscode';
import type { SendMessageRequest } from '../api/types';
import type { ActiveServer } from '../state/serverConnection';
import { markdownEscaped, plainText } from '../util/untrustedText';
import type { TokenCheck } from './killConfirmations';

const q = (value: string, maxLength = 200): string => JSON.stringify(plainText(value, maxLength));

export function expiryText(request: SendMessageRequest): string {
  return request.expiresAt ? vscode.l10n.t('expires at {0}', request.expiresAt) : vscode.l10n.t('never expires');
}

/** The request in one line, for answers to the model. */
export function requestText(request: SendMessageRequest): string {
  const text = request.message ? vscode.l10n.t('text {0}', q(request.message)) : vscode.l10n.t('no text');
  return vscode.l10n.t('{0} to scraper {1}, {2}, {3}', request.messageType, q(request.scraperName, 100), text, expiryText(request));
}

/** What the person confirms: every field that decides what the scraper will do, and where it goes. */
export function sendConfirmation(
  server: ActiveServer,
  request: SendMessageRequest,
  warning: string | undefined,
): vscode.LanguageModelToolConfirmationMessages {
  const md = (value: string, maxLength = 200) => markdownEscaped(value, maxLength);
  const lines = [
    vscode.l10n.t('**Server:** {0} ({1})', md(server.label, 80), md(server.address.baseUrl)),
    vscode.l10n.t('**Scraper:** {0}', md(request.scraperName, 100)),
    vscode.l10n.t('**Type:** {0}', request.messageType),
    request.message ? vscode.l10n.t('**Text:** {0}', md(request.message)) : vscode.l10n.t('**Text:** none'),
    vscode.l10n.t('**Expiry:** {0}', md(expiryText(request))),
  ];
  if (request.messageType === 'KILL_REQUEST') {
    lines.push(vscode.l10n.t('The scraper stops its current scrape when it reads this.'));
  }
  if (warning) {
    lines.push(md(warning));
  }
  return {
    title: vscode.l10n.t(
      'Send {0} to "{1}" on {2}?',
      request.messageType,
      plainText(request.scraperName, 100),
      plainText(server.label, 80),
    ),
    message: new vscode.MarkdownString(lines.join('  \n')),
  };
}

export function killPreviewText(
  server: ActiveServer,
  request: SendMessageRequest,
  token: string,
  minutes: number,
  warning: string | undefined,
): string {
  return [
    vscode.l10n.t(
      'NOT SENT YET. A KILL_REQUEST needs the user\'s explicit go-ahead in this conversation. Preview: {0}, on the ScrapeHub server "{1}" ({2}). The scraper stops its current scrape when it reads it.',
      requestText(request),
      server.label,
      server.address.baseUrl,
    ),
    ...(warning ? [warning] : []),
    vscode.l10n.t(
      'Show this preview to the user and ask them to confirm. Only if they agree, call scrapehub_sendMessage again with exactly the same scraperName, messageType, message and expiresAt and with confirmationToken "{0}". The token works once, only for this request on this server, for {1} minutes.',
      token,
      minutes,
    ),
  ].join('\n');
}

export function tokenRefusal(check: Exclude<TokenCheck, 'ok'>, server: ActiveServer): string {
  const again = vscode.l10n.t('Nothing was sent. Call again without confirmationToken for a new preview, and show it to the user.');
  switch (check) {
    case 'expired':
      return `${vscode.l10n.t('The confirmation token has expired.')} ${again}`;
    case 'otherRequest':
      return `${vscode.l10n.t('The confirmation token was issued for a different request (scraper, type, text or expiry differ); it is now spent.')} ${again}`;
    case 'otherServer':
      return `${vscode.l10n.t('The confirmation token was issued for another ScrapeHub server or API key, not "{0}".', server.label)} ${again}`;
    default:
      return `${vscode.l10n.t('The confirmation token is unknown or was already used.')} ${again}`;
  }
}
