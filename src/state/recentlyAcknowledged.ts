/**
 * What this user acknowledged in this window, for the "Recently Acknowledged" group.
 * Kept in memory only (this session, this window): it is a way back from a mistake, not
 * a record to sync. Cleared when the server or the key changes, because the list belongs
 * to the account that made the acknowledgements.
 */
import * as vscode from 'vscode';
import { addRecentAcks, type RecentAck } from '../model/recentAcknowledgements';
import type { ServerConnection } from './serverConnection';

export class RecentlyAcknowledged implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private list: RecentAck[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(connection: ServerConnection) {
    this.subscription = connection.onDidChange(() => this.clear());
  }

  /** Newest first. */
  get entries(): readonly RecentAck[] {
    return this.list;
  }

  /** Records acknowledgements the server confirmed; refused ones never come here. */
  record(added: readonly RecentAck[]): void {
    if (added.length > 0) {
      this.list = addRecentAcks(this.list, added);
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
