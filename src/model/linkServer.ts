/**
 * Which of the user's servers a link names. A link never chooses where the API key goes:
 * it can only point at a server the user configured (the active `scrapehub.serverUrl` or
 * an entry of `scrapehub.servers`); anything else is unknown, whatever it looks like. Pure.
 */
import { parseServerUrl, type ServerAddress } from '../api/serverUrl';
import type { NamedServer } from './serverList';

export type LinkServerMatch =
  | { kind: 'active' }
  /** Configured, but not the active server. */
  | { kind: 'configured'; server: Pick<NamedServer, 'name' | 'address'> }
  | { kind: 'unknown' };

/**
 * `value` is a server name (compared ignoring case) or a URL: the API URL, or an origin when
 * exactly one configured server has that origin.
 */
export function matchLinkServer(value: string, servers: readonly NamedServer[], active: ServerAddress | undefined): LinkServerMatch {
  const address = findAddress(value.trim(), servers, active);
  if (!address) {
    return { kind: 'unknown' };
  }
  if (active && address.baseUrl === active.baseUrl) {
    return { kind: 'active' };
  }
  const server = servers.find((candidate) => candidate.address.baseUrl === address.baseUrl);
  return server ? { kind: 'configured', server } : { kind: 'unknown' };
}

function findAddress(value: string, servers: readonly NamedServer[], active: ServerAddress | undefined): ServerAddress | undefined {
  const addresses = [...(active ? [active] : []), ...servers.map((server) => server.address)];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return servers.find((server) => server.name.toLowerCase() === value.toLowerCase())?.address;
  }
  const parsed = parseServerUrl(value);
  if (!parsed.ok) {
    return undefined;
  }
  const exact = addresses.find((address) => address.baseUrl === parsed.address.baseUrl);
  if (exact || new URL(value).pathname.replace(/\/+$/, '') !== '') {
    return exact;
  }
  const sameOrigin = [
    ...new Set(addresses.filter((address) => address.origin === parsed.address.origin).map((address) => address.baseUrl)),
  ];
  return sameOrigin.length === 1 ? addresses.find((address) => address.baseUrl === sameOrigin[0]) : undefined;
}
