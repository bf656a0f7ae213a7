/**
 * Turns what the user typed as "server URL" into the API base URL, refusing anything
 * that would put the key at risk. Pure: used by settings, commands and tests alike.
 */
import * as l10n from '@vscode/l10n';

export const DEFAULT_API_PATH = '/scrapehub/api';

export interface ServerAddress {
  /** API base URL without trailing slash, e.g. `https://hub.example.com/scrapehub/api`. */
  baseUrl: string;
  /** `https://hub.example.com` — the unit the API key is stored and sent for. */
  origin: string;
}

export type ParsedServerUrl = { ok: true; address: ServerAddress } | { ok: false; problem: string };

const LOOPBACK_HOSTNAMES = new Set(['localhost', '[::1]']);

/** Loopback hosts may use plain http: nothing leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_HOSTNAMES.has(host) || host.endsWith('.localhost')) {
    return true;
  }
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function parseServerUrl(input: string): ParsedServerUrl {
  const text = input.trim();
  if (text === '') {
    return { ok: false, problem: l10n.t('Enter the ScrapeHub server URL.') };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: l10n.t('Not a valid URL. Example: {0}', 'https://hub.example.com/scrapehub/api') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: l10n.t('Unsupported scheme "{0}". Use https://.', url.protocol) };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      problem: l10n.t('The URL must not contain a user name or password. Enter the API key separately; it is kept in secret storage.'),
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      problem: l10n.t('Use https://. Plain http:// is only allowed for localhost, because the API key would travel unencrypted.'),
    };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: l10n.t('The URL must not contain a query (?…) or fragment (#…).') };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const apiPath = path === '' ? DEFAULT_API_PATH : path;
  return { ok: true, address: { baseUrl: `${url.origin}${apiPath}`, origin: url.origin } };
}
