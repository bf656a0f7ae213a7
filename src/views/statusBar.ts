/**
 * The status bar item: pending count at a glance, KILL_REQUESTs highlighted, a warning
 * when the key is rejected or the server unreachable. Clicking it opens the Messages view.
 */
import * as vscode from 'vscode';
import { countMessages } from '../model/messageGroups';
import type { MessageStore } from '../state/messageStore';
import { untrustedText } from '../util/untrustedText';

const FOCUS_VIEW_COMMAND = 'scrapehub.messages.focus';

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: MessageStore) {
    this.item = vscode.window.createStatusBarItem('scrapehub.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('ScrapeHub Messages');
    this.item.command = FOCUS_VIEW_COMMAND;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const { state } = this.store;
    if (state === 'noServer' || state === 'invalidServer' || state === 'loading') {
      this.item.hide();
      return;
    }
    if (state === 'keyRejected' || state === 'noKey' || (state === 'unreachable' && !this.store.isStale)) {
      this.showProblem(state === 'unreachable' ? vscode.l10n.t('ScrapeHub server unreachable') : state === 'noKey' ? vscode.l10n.t('No ScrapeHub API key') : vscode.l10n.t('ScrapeHub API key rejected'));
      return;
    }
    const groups = this.store.groups();
    const total = countMessages(groups);
    const kills = groups.reduce((sum, group) => sum + group.messages.filter((message) => message.messageType === 'KILL_REQUEST').length, 0);
    this.item.text = kills > 0 ? `$(mail) ${total}  $(stop-circle) ${kills}` : `$(mail) ${total}`;
    this.item.backgroundColor = kills > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const stale = this.store.isStale ? `\n${vscode.l10n.t('Showing older data: {0}', untrustedText(this.store.error?.message ?? '', 200))}` : '';
    const pending = total === 1 ? vscode.l10n.t('ScrapeHub: 1 pending message') : vscode.l10n.t('ScrapeHub: {0} pending messages', total);
    this.item.tooltip = `${pending}${kills > 0 ? vscode.l10n.t(', {0} KILL_REQUEST', kills) : ''}${stale}\n${vscode.l10n.t('Click to open the Messages view.')}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('ScrapeHub, {0} pending messages, {1} kill requests', total, kills) };
    this.item.show();
  }

  private showProblem(text: string): void {
    this.item.text = vscode.l10n.t('$(warning) ScrapeHub');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.tooltip = vscode.l10n.t('{0}. Click to open the Messages view.', text);
    this.item.accessibilityInformation = { label: text };
    this.item.show();
  }
}
