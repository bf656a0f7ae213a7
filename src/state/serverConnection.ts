/**
 * The server the user configured, and a client bound to it. Rebuilt whenever the server
 * URL changes, so nothing can keep talking to the old origin with a new key or vice versa.
 */
import * as vscode from 'vscode';
import { AllMessagesFetcher } from '../api/allMessages';
import { ScrapeHubClient, type ExchangeRecord } from '../api/client';
import type { ServerAddress } from '../api/serverUrl';
import type { BodyParser } from '../api/worker/parseWorkerClient';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { ServerSetting, Settings } from '../config/settings';

export interface ActiveServer {
  readonly address: ServerAddress;
  readonly client: ScrapeHubClient;
  readonly allMessages: AllMessagesFetcher;
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

  async hasKey(): Promise<boolean> {
    return this.current !== undefined && (await this.keys.has(this.current.address.origin));
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
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
    const client = new ScrapeHubClient({
      address: setting.address,
      getApiKey: (origin) => Promise.resolve(this.keys.get(origin)),
      timeoutMs: () => this.settings.requestTimeoutMs(),
      onExchange: (record) => this.logExchange(record),
      bodyParser: this.bodyParser,
    });
    return { address: setting.address, client, allMessages: new AllMessagesFetcher(client) };
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
