/**
 * The user's named servers (`scrapehub.servers`), read from raw settings JSON. Pure, so the
 * rules are unit-tested: a name and a usable URL per entry, no two entries with the same
 * name or the same API URL. Entries that break a rule are kept (never rewritten or dropped
 * from the setting) and reported with the reason, so nothing the user typed is lost.
 */
import * as l10n from '@vscode/l10n';
import { parseServerUrl, type ServerAddress } from '../api/serverUrl';

export const MAX_SERVER_NAME_LENGTH = 40;
/** The setting's id: what a malformed list is called, in any language. */
const SERVERS_SETTING_ID = 'scrapehub.servers';

export interface NamedServer {
  name: string;
  address: ServerAddress;
  /** Position in the setting's array, so edits touch only that entry. */
  index: number;
}

export interface UnusableServerEntry {
  /** What the entry is called, as far as it can be told. */
  label: string;
  problem: string;
  index: number;
}

export interface ServerList {
  servers: NamedServer[];
  unusable: UnusableServerEntry[];
}

export function readServerList(raw: unknown): ServerList {
  const list: ServerList = { servers: [], unusable: [] };
  if (raw === undefined || raw === null) {
    return list;
  }
  if (!Array.isArray(raw)) {
    list.unusable.push({
      label: SERVERS_SETTING_ID,
      problem: l10n.t('The setting must be a list of {0} entries.', '{ "name": …, "url": … }'),
      index: -1,
    });
    return list;
  }
  raw.forEach((entry: unknown, index) => {
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name.trim() : '';
    const label = name || l10n.t('entry {0}', index + 1);
    if (!isRecord(entry) || typeof entry.url !== 'string') {
      list.unusable.push({ label, problem: l10n.t('An entry needs a "name" and a "url".'), index });
      return;
    }
    const nameProblem = validateServerName(name, list.servers);
    if (nameProblem) {
      list.unusable.push({ label, problem: nameProblem, index });
      return;
    }
    const parsed = parseServerUrl(entry.url);
    if (!parsed.ok) {
      list.unusable.push({ label, problem: parsed.problem, index });
      return;
    }
    const twin = list.servers.find((server) => server.address.baseUrl === parsed.address.baseUrl);
    if (twin) {
      list.unusable.push({ label, problem: l10n.t('Same URL as "{0}".', twin.name), index });
      return;
    }
    list.servers.push({ name, address: parsed.address, index });
  });
  return list;
}

/** The problem with `name` as a new entry's name among `existing`, or undefined. */
export function validateServerName(name: string, existing: readonly NamedServer[]): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return l10n.t('Enter a name, e.g. "dev", "staging" or "prod".');
  }
  if (trimmed.length > MAX_SERVER_NAME_LENGTH) {
    return l10n.t('A server name has at most {0} characters.', MAX_SERVER_NAME_LENGTH);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) {
    return l10n.t('A server name cannot contain control characters.');
  }
  const twin = existing.find((server) => server.name.toLowerCase() === trimmed.toLowerCase());
  return twin ? l10n.t('There is already a server named "{0}".', twin.name) : undefined;
}

/** The problem with `url` as a new entry's URL among `existing`, or undefined. */
export function validateNewServerUrl(url: string, existing: readonly NamedServer[]): string | undefined {
  const parsed = parseServerUrl(url);
  if (!parsed.ok) {
    return parsed.problem;
  }
  const twin = existing.find((server) => server.address.baseUrl === parsed.address.baseUrl);
  return twin ? l10n.t('This server is already in the list as "{0}".', twin.name) : undefined;
}

/** The entry whose API URL is the active one: how the active server gets its name. */
export function findActiveServer(list: ServerList, active: ServerAddress | undefined): NamedServer | undefined {
  return active && list.servers.find((server) => server.address.baseUrl === active.baseUrl);
}

/** The setting's raw array with one entry appended; other entries (even unusable ones) untouched. */
export function withServerAdded(raw: unknown, name: string, baseUrl: string): unknown[] {
  return [...(Array.isArray(raw) ? (raw as unknown[]) : []), { name: name.trim(), url: baseUrl }];
}

/** The setting's raw array without the entry at `index`; everything else untouched. */
export function withServerRemoved(raw: unknown, index: number): unknown[] {
  return (Array.isArray(raw) ? raw : []).filter((_, position) => position !== index);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
