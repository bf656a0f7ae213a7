/**
 * What this user acknowledged in this window, for the "Recently Acknowledged" group.
 * Kept in memory only (this session, this window): it is a way back from a mistake, not
 * a record to sync. Cleared when the server or the key changes, because the list belongs
 * to the account that made the acknowledgements; acknowledgements that finish after such
 * a change are not added to the new server's list.
 */
import * as vscode from 'vscode';
import { addRecentAcks, type RecentAck } from '../model/recentAcknowledgements';
import type { ActiveServer, ServerConnection } from './serverConnection';

export class RecentlyAcknowledged implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private list: RecentAck[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: ServerConnection) {
    this.subscription = connection.onDidChange(() => this.clear());
  }

  /** Newest first, all of the active server. */
  get entries(): readonly RecentAck[] {
    return this.list;
  }

  /** Records acknowledgements `server` confirmed, unless it is no longer the active server (or key). */
  record(server: ActiveServer, added: readonly Omit<RecentAck, 'origin'>[]): void {
    if (added.length > 0 && this.connection.isCurrent(server)) {
      this.list = addRecentAcks(
        this.list,
        added.map((entry) => ({ ...entry, origin: server.address.origin })),
      );
      this.changed.fire();
    }
  }

  clear(): void {
    if (this.list.length > 0) {
      this.list = [];
      this.changed.fire();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
