/**
 * The name the user gave the active server in `scrapehub.servers` ("prod"), found by
 * matching the active API URL; undefined for a server that is not in the list. The status
 * bar and the view title show it, so it is always clear which server a key acts on.
 */
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { findActiveServer } from '../model/serverList';
import type { ServerConnection } from './serverConnection';

export class ActiveServerName implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly settings: Settings,
    private readonly connection: ServerConnection,
  ) {
    this.current = this.compute();
    const recompute = () => {
      const next = this.compute();
      if (next !== this.current) {
        this.current = next;
        this.changed.fire();
      }
    };
    // The connection rebuilds on the same configuration event; listening to both covers
    // either order of delivery.
    this.subscriptions = [settings.onDidChange(recompute), connection.onDidChange(recompute), this.changed];
  }

  get name(): string | undefined {
    return this.current;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  private compute(): string | undefined {
    return findActiveServer(this.settings.servers(), this.connection.active?.address)?.name;
  }
}
