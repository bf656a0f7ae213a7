/**
 * The server the user configured, and a client bound to it. Rebuilt whenever the server
 * URL or that server's key changes: an action captures the ActiveServer it was started
 * for, and that object's client refuses to send once it is no longer the current one, so
 * nothing started for one server (or key) can reach another.
 */
import * as vscode from 'vscode';
import { AllMessagesFetcher } from '../api/allMessages';
import { ScrapeHubClient, type ExchangeRecord } from '../api/client';
import type { ServerAddress } from '../api/serverUrl';
import type { BodyParser } from '../api/worker/parseWorkerClient';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { ServerSetting, Settings } from '../config/settings';
import { findActiveServer } from '../model/serverList';

export interface ActiveServer {
  readonly address: ServerAddress;
  readonly client: ScrapeHubClient;
  readonly allMessages: AllMessagesFetcher;
  /** Its name in `scrapehub.servers`, else its host: what confirmations and notices name. */
  readonly label: string;
}

export class ServerConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the server changes or the key for the active server changes. */
  readonly onDidChange = this.changed.event;
  private current: ActiveServer | undefined;
  private currentSetting: ServerSetting;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly settings: Settings,
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
    /** Shared by every client this builds: large answers are parsed off the main thread. */
    private readonly bodyParser?: BodyParser,
  ) {
    this.currentSetting = settings.server();
    this.current = this.build(this.currentSetting);
    this.subscriptions.push(
      settings.onDidChange(() => this.onSettingsChanged()),
      keys.onDidChange((origin) => {
        if (origin === this.current?.address.origin) {
          this.current = this.build(this.currentSetting);
          this.changed.fire();
        }
      }),
    );
  }

  get setting(): ServerSetting {
    return this.currentSetting;
  }

  get active(): ActiveServer | undefined {
    return this.current;
  }

  /** False once `server` was replaced (another server, or another key for it). */
  isCurrent(server: ActiveServer): boolean {
    return server === this.current;
  }

  async hasKey(): Promise<boolean> {
    return this.current !== undefined && (await this.keys.has(this.current.address.origin));
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    this.changed.dispose();
  }

  private onSettingsChanged(): void {
    const next = this.settings.server();
    if (JSON.stringify(next) === JSON.stringify(this.currentSetting)) {
      return;
    }
    this.currentSetting = next;
    this.current = this.build(next);
    this.log.info(`[connection] server is now ${next.kind === 'ok' ? next.address.baseUrl : next.kind}`);
    this.changed.fire();
  }

  private build(setting: ServerSetting): ActiveServer | undefined {
    if (setting.kind !== 'ok') {
      return undefined;
    }
    const client: ScrapeHubClient = new ScrapeHubClient({
      address: setting.address,
      getApiKey: (origin) => Promise.resolve(this.keys.get(origin)),
      isCurrent: () => this.current?.client === client,
      timeoutMs: () => this.settings.requestTimeoutMs(),
      onExchange: (record) => this.logExchange(record),
      bodyParser: this.bodyParser,
    });
    const settings = this.settings;
    return {
      address: setting.address,
      client,
      allMessages: new AllMessagesFetcher(client),
      get label() {
        return findActiveServer(settings.servers(), setting.address)?.name ?? new URL(setting.address.origin).host;
      },
    };
  }

  private logExchange(record: ExchangeRecord): void {
    const status = record.status ?? record.error?.kind ?? '?';
    const line = `[http] ${record.method} ${record.path} ${status} ${record.durationMs}ms`;
    if (record.error) {
      this.log.warn(`${line} — ${record.error.message}${record.error.traceId ? ` (trace ${record.error.traceId})` : ''}`);
    } else {
      this.log.info(line);
    }
  }
}
