/**
 * Refreshes the store on a timer while the Messages view is visible. The next refresh is
 * scheduled only after the previous one finished, so a slow server never gets a pile-up.
 */
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { MessageStore } from './messageStore';

export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: MessageStore,
    private readonly settings: Settings,
    private readonly view: vscode.TreeView<unknown>,
  ) {
    this.subscriptions.push(
      view.onDidChangeVisibility(() => this.onVisibilityChanged()),
      settings.onDidChange(() => this.reschedule()),
    );
    if (view.visible) {
      this.onVisibilityChanged();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private onVisibilityChanged(): void {
    if (!this.view.visible) {
      clearTimeout(this.timer);
      return;
    }
    const interval = this.settings.refreshIntervalMs();
    const age = this.store.lastUpdated === undefined ? Infinity : Date.now() - this.store.lastUpdated;
    // Showing the view after a while: bring it up to date at once rather than at the next tick.
    if (age >= interval || this.store.lastUpdated === undefined) {
      void this.refreshThenSchedule();
    } else {
      this.reschedule();
    }
  }

  private async refreshThenSchedule(): Promise<void> {
    clearTimeout(this.timer);
    await this.store.refresh();
    this.reschedule();
  }

  private reschedule(): void {
    clearTimeout(this.timer);
    const interval = this.settings.refreshIntervalMs();
    if (interval > 0 && this.view.visible) {
      this.timer = setTimeout(() => void this.refreshThenSchedule(), interval);
    }
  }
}
