/**
 * Reads the extension's settings. The server URL is taken from the user's settings only:
 * it decides where the API key is sent, so a workspace must never be able to change it
 * (the setting is also application-scoped, which VS Code enforces for settings files).
 */
import * as vscode from 'vscode';
import { parseServerUrl, type ServerAddress } from '../api/serverUrl';
import { readServerList, type ServerList } from '../model/serverList';
import { readArrangement, type Arrangement } from '../model/messageArrangement';
import { DEFAULT_REFRESH_SECONDS, refreshIntervalMs } from '../model/refreshInterval';

const SECTION = 'scrapehub';
export const SERVER_URL_SETTING = 'serverUrl';
export const SERVERS_SETTING = 'servers';
export const REFRESH_INTERVAL_SETTING = 'refreshIntervalSeconds';
export const REQUEST_TIMEOUT_SETTING = 'requestTimeoutSeconds';
export const ALERT_TYPES_SETTING = 'alerts.messageTypes';
/** Also package.json's default; a type the user's value leaves out keeps its default. */
const DEFAULT_ALERT_TYPES: Readonly<Record<string, boolean>> = { KILL_REQUEST: true, START: false };
export const GROUP_BY_SETTING = 'groupBy';
export const SCRAPER_NAMES_SETTING = 'scraperNames';
/** More names than this are ignored: each is one request per refresh on a strict server. */
const MAX_SCRAPER_NAMES = 200;
export const SORT_BY_SETTING = 'sortBy';
const DEFAULT_TIMEOUT_SECONDS = 15;

export type ServerSetting =
  { kind: 'unset' } | { kind: 'invalid'; value: string; problem: string } | { kind: 'ok'; address: ServerAddress };

export class Settings {
  readonly onDidChange: vscode.Event<vscode.ConfigurationChangeEvent>;

  constructor() {
    this.onDidChange = (listener, thisArgs, disposables) =>
      vscode.workspace.onDidChangeConfiguration(
        (event) => {
          if (event.affectsConfiguration(SECTION)) {
            listener.call(thisArgs, event);
          }
        },
        undefined,
        disposables,
      );
  }

  server(): ServerSetting {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>(SERVER_URL_SETTING);
    const value = inspected?.globalValue ?? '';
    if (value.trim() === '') {
      return { kind: 'unset' };
    }
    const parsed = parseServerUrl(value);
    return parsed.ok ? { kind: 'ok', address: parsed.address } : { kind: 'invalid', value, problem: parsed.problem };
  }

  async setServerUrl(baseUrl: string): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(SERVER_URL_SETTING, baseUrl, vscode.ConfigurationTarget.Global);
  }

  /** The named servers; like the server URL, read from the user's settings only. */
  servers(): ServerList {
    return readServerList(this.rawServers());
  }

  /** The setting's value as stored, for edits that must keep entries they do not understand. */
  rawServers(): unknown {
    return vscode.workspace.getConfiguration(SECTION).inspect<unknown>(SERVERS_SETTING)?.globalValue;
  }

  async setRawServers(servers: unknown[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(SECTION)
      .update(SERVERS_SETTING, servers.length > 0 ? servers : undefined, vscode.ConfigurationTarget.Global);
  }

  /** 0 means automatic refresh is off. */
  refreshIntervalMs(): number {
    return refreshIntervalMs(vscode.workspace.getConfiguration(SECTION).get<unknown>(REFRESH_INTERVAL_SETTING, DEFAULT_REFRESH_SECONDS));
  }

  /**
   * Message types whose arrival shows a notification. Types the contract does not know yet
   * count when the user lists them with `true`; anything else in the value is ignored.
   */
  alertedMessageTypes(): ReadonlySet<string> {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>(ALERT_TYPES_SETTING);
    const chosen: Record<string, unknown> = {
      ...DEFAULT_ALERT_TYPES,
      ...(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}),
    };
    return new Set(Object.keys(chosen).filter((type) => chosen[type] === true));
  }

  /** Scraper names to ask about on a server that insists on one (user settings only). */
  scraperNames(): string[] {
    const value = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(SCRAPER_NAMES_SETTING)?.globalValue;
    const names = Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string').map((name) => name.trim()) : [];
    return [...new Set(names.filter((name) => name !== ''))].slice(0, MAX_SCRAPER_NAMES);
  }

  onDidChangeScraperNames(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.${SCRAPER_NAMES_SETTING}`)) {
        listener();
      }
    });
  }

  requestTimeoutMs(): number {
    const seconds = vscode.workspace.getConfiguration(SECTION).get<number>(REQUEST_TIMEOUT_SETTING, DEFAULT_TIMEOUT_SECONDS);
    const valid = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
    return Math.min(valid ? seconds : DEFAULT_TIMEOUT_SECONDS, 300) * 1000;
  }

  /** How the Messages tree groups and sorts; unknown values fall back to the defaults. */
  arrangement(): Arrangement {
    const config = vscode.workspace.getConfiguration(SECTION);
    return readArrangement(config.get(GROUP_BY_SETTING), config.get(SORT_BY_SETTING));
  }

  /**
   * Writes where the value is set now (a workspace value would otherwise keep winning over
   * a user-settings write), else in the user settings.
   */
  async setArrangement(key: typeof GROUP_BY_SETTING | typeof SORT_BY_SETTING, value: string): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect(key);
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(key, value, target);
  }

  /** Fires when scrapehub.groupBy or scrapehub.sortBy changes. */
  onDidChangeArrangement(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.${GROUP_BY_SETTING}`) || event.affectsConfiguration(`${SECTION}.${SORT_BY_SETTING}`)) {
        listener();
      }
    });
  }
}
