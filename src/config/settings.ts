/**
 * Reads the extension's settings. The server URL is taken from the user's settings only:
 * it decides where the API key is sent, so a workspace must never be able to change it
 * (the setting is also application-scoped, which VS Code enforces for settings files).
 */
import * as vscode from 'vscode';
import { parseServerUrl, type ServerAddress } from '../api/serverUrl';
import { readServerList, type ServerList } from '../model/serverList';

const SECTION = 'scrapehub';
export const SERVER_URL_SETTING = 'serverUrl';
export const SERVERS_SETTING = 'servers';
export const REFRESH_INTERVAL_SETTING = 'refreshIntervalSeconds';
export const REQUEST_TIMEOUT_SETTING = 'requestTimeoutSeconds';
export const ALERT_TYPES_SETTING = 'alerts.messageTypes';
/** Also package.json's default; a type the user's value leaves out keeps its default. */
const DEFAULT_ALERT_TYPES: Readonly<Record<string, boolean>> = { KILL_REQUEST: true, START: false };
const MIN_REFRESH_SECONDS = 5;
const DEFAULT_TIMEOUT_SECONDS = 15;
const DEFAULT_REFRESH_SECONDS = 30;

export type ServerSetting =
  | { kind: 'unset' }
  | { kind: 'invalid'; value: string; problem: string }
  | { kind: 'ok'; address: ServerAddress };

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
    await vscode.workspace.getConfiguration(SECTION).update(SERVERS_SETTING, servers.length > 0 ? servers : undefined, vscode.ConfigurationTarget.Global);
  }

  /** 0 means automatic refresh is off. */
  refreshIntervalMs(): number {
    const seconds = vscode.workspace.getConfiguration(SECTION).get<number>(REFRESH_INTERVAL_SETTING, DEFAULT_REFRESH_SECONDS);
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return DEFAULT_REFRESH_SECONDS * 1000;
    }
    if (seconds === 0) {
      return 0;
    }
    return Math.max(seconds, MIN_REFRESH_SECONDS) * 1000;
  }

  /**
   * Message types whose arrival shows a notification. Types the contract does not know yet
   * count when the user lists them with `true`; anything else in the value is ignored.
   */
  alertedMessageTypes(): ReadonlySet<string> {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>(ALERT_TYPES_SETTING);
    const chosen: Record<string, unknown> = { ...DEFAULT_ALERT_TYPES, ...(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) };
    return new Set(Object.keys(chosen).filter((type) => chosen[type] === true));
  }

  requestTimeoutMs(): number {
    const seconds = vscode.workspace.getConfiguration(SECTION).get<number>(REQUEST_TIMEOUT_SETTING, DEFAULT_TIMEOUT_SECONDS);
    const valid = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
    return Math.min(valid ? seconds : DEFAULT_TIMEOUT_SECONDS, 300) * 1000;
  }
}
