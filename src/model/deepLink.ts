/**
 * Deep links (`<scheme>://scrapehub.scrapehub-messages/open?server=…&message=…` and
 * `/send?server=…&scraper=…&type=…&message=…`): what a link asks for, read strictly. A link
 * is text from anyone (a chat room, an e-mail), so every field is checked here and a link
 * with anything unexpected is refused whole, never half-read. Pure, so it is unit-tested.
 */
import * as l10n from '@vscode/l10n';
import { KNOWN_MESSAGE_TYPES, type KnownMessageType } from '../api/types';
import { hasHiddenCharacters } from '../util/untrustedText';
import { validateScraperName, type SendDraft } from './sendDraft';

/** Longer queries are refused before they are read: no real link comes near this. */
export const MAX_LINK_QUERY_LENGTH = 4096;
const MAX_SERVER_LENGTH = 300;
const MAX_MESSAGE_ID_LENGTH = 200;
export const MAX_LINK_TEXT_LENGTH = 1000;
const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/;

export type LinkRequest =
  | { action: 'open'; server: string; messageId: string }
  | { action: 'send'; server: string; scraperName?: string; messageType?: KnownMessageType; text?: string };

export type ParsedLink = { ok: true; link: LinkRequest } | { ok: false; problem: string };

const PARAMETERS: Record<LinkRequest['action'], readonly string[]> = {
  open: ['server', 'message'],
  send: ['server', 'scraper', 'type', 'message'],
};

/**
 * Reads a link from its path and its query as VS Code hands them over (`Uri.query` is
 * percent-decoded once; the values inside are form-encoded, see linkQuery).
 */
export function parseDeepLink(path: string, query: string): ParsedLink {
  const action = path.replace(/^\/+|\/+$/g, '');
  if (action !== 'open' && action !== 'send') {
    return refuse(l10n.t('ScrapeHub links open a message (/open) or the Send Message form (/send); this one asks for something else.'));
  }
  if (query.length > MAX_LINK_QUERY_LENGTH) {
    return refuse(l10n.t('The link is too long ({0} characters).', query.length));
  }
  const params = new URLSearchParams(query);
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    if (!PARAMETERS[action].includes(name)) {
      return refuse(l10n.t('The link has a part ScrapeHub does not know ("{0}").', clip(name)));
    }
    if (values.has(name)) {
      return refuse(l10n.t('The link names "{0}" twice.', name));
    }
    values.set(name, value);
  }
  const server = checkedField(values, 'server', MAX_SERVER_LENGTH);
  if (typeof server !== 'string') {
    return server ?? refuse(l10n.t('The link does not name a server (server=…), so ScrapeHub cannot tell which server it is for.'));
  }
  return action === 'open' ? readOpen(server, values) : readSend(server, values);
}

function readOpen(server: string, values: Map<string, string>): ParsedLink {
  const messageId = checkedField(values, 'message', MAX_MESSAGE_ID_LENGTH);
  if (typeof messageId !== 'string') {
    return messageId ?? refuse(l10n.t('The link does not name a message (message=…).'));
  }
  if (/\s/.test(messageId)) {
    return refuse(l10n.t('The message ID in the link contains spaces.'));
  }
  return { ok: true, link: { action: 'open', server, messageId } };
}

function readSend(server: string, values: Map<string, string>): ParsedLink {
  const link: LinkRequest & { action: 'send' } = { action: 'send', server };
  const scraper = checkedField(values, 'scraper', Infinity);
  if (typeof scraper === 'string') {
    const problem = validateScraperName(scraper);
    if (problem) {
      return refuse(l10n.t('The scraper in the link cannot be used: {0}', problem));
    }
    link.scraperName = scraper.trim();
  } else if (scraper) {
    return scraper;
  }
  const type = checkedField(values, 'type', 40);
  if (typeof type === 'string') {
    if (!(KNOWN_MESSAGE_TYPES as readonly string[]).includes(type)) {
      return refuse(l10n.t('The message type in the link must be one of {0}.', KNOWN_MESSAGE_TYPES.join(', ')));
    }
    link.messageType = type as KnownMessageType;
  } else if (type) {
    return type;
  }
  const text = checkedField(values, 'message', MAX_LINK_TEXT_LENGTH, true);
  if (typeof text === 'string') {
    link.text = text;
  } else if (text) {
    return text;
  }
  return { ok: true, link };
}

/**
 * The field's value; undefined when it is absent or empty; a refusal when it is too long or
 * holds characters a person could not see (or, unless `text`, tabs and line breaks).
 */
function checkedField(values: Map<string, string>, name: string, maxLength: number, text = false): string | undefined | ParsedLink {
  const value = values.get(name)?.trim();
  if (!value) {
    return undefined;
  }
  if (value.length > maxLength) {
    return refuse(l10n.t('The "{0}" part of the link is too long ({1} characters, at most {2}).', name, value.length, maxLength));
  }
  if (hasHiddenCharacters(value) || (!text && LINE_BREAK_OR_TAB.test(value)) || (text && /[\r\n\u0085\u2028\u2029]/.test(value))) {
    return refuse(l10n.t('The "{0}" part of the link contains invisible or control characters, so it was not used.', name));
  }
  return value;
}

/**
 * The draft a send link pre-fills, and the first step that still needs an answer. The
 * expiry is never in a link, so at least that step is always the person's to answer.
 */
export function linkDraft(link: LinkRequest & { action: 'send' }): { draft: SendDraft; startAt: 'scraper' | 'type' | 'text' | 'expiry' } {
  const draft: SendDraft = { scraperName: link.scraperName, messageType: link.messageType, text: link.text };
  const startAt = !link.scraperName ? 'scraper' : !link.messageType ? 'type' : link.text === undefined ? 'text' : 'expiry';
  return { draft, startAt };
}

/**
 * The query of a link to `fields`, to build with `<scheme>://<extension id>/<action>?` +
 * this. Each value is encoded twice: VS Code decodes the query once before the handler
 * sees it, so a `&` or `=` in a value must still be encoded after that.
 */
export function linkQuery(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([name, value]) => `${name}=${encodeURIComponent(encodeURIComponent(value))}`).join('&');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function refuse(problem: string): ParsedLink {
  return { ok: false, problem };
}
