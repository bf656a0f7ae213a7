/**
 * The status bar item: pending count at a glance, KILL_REQUESTs highlighted, a warning
 * when the key is rejected or the server unreachable, and the active server's name when
 * the user named it (several servers). Clicking it opens the Messages view.
 */
import * as vscode from 'vscode';
import { countMessages } from '../model/messageGroups';
import type { ActiveServerName } from '../state/activeServerName';
import type { MessageStore } from '../state/messageStore';
import { iconSafe, plainText } from '../util/untrustedText';

const FOCUS_VIEW_COMMAND = 'scrapehub.messages.focus';

export class StatusBar implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly item: vscode.StatusBarItem,
    private readonly store: MessageStore,
    private readonly serverName?: ActiveServerName,
  ) {
    this.item.name = vscode.l10n.t('ScrapeHub Messages');
    this.item.command = FOCUS_VIEW_COMMAND;
    this.subscriptions = [store.onDidChange(() => this.update())];
    if (serverName) {
      this.subscriptions.push(serverName.onDidChange(() => this.update()));
    }
    this.update();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    this.item.dispose();
  }

  private update(): void {
    const { state } = this.store;
    if (state === 'noServer' || state === 'invalidServer' || state === 'loading') {
      this.item.hide();
      return;
    }
    if (state === 'serverError' && !this.store.isStale) {
      this.showProblem(vscode.l10n.t('ScrapeHub server error'));
      return;
    }
    if (state === 'keyRejected' || state === 'noKey' || (state === 'unreachable' && !this.store.isStale)) {
      this.showProblem(
        state === 'unreachable'
          ? vscode.l10n.t('ScrapeHub server unreachable')
          : state === 'noKey'
            ? vscode.l10n.t('No ScrapeHub API key')
            : vscode.l10n.t('ScrapeHub API key rejected'),
      );
      return;
    }
    const groups = this.store.groups();
    const total = countMessages(groups);
    let kills = 0; // A loop, not filter(): no throwaway arrays for 10,000 messages on every refresh.
    for (const group of groups) {
      for (const message of group.messages) {
        if (message.messageType === 'KILL_REQUEST') {
          kills++;
        }
      }
    }
    const name = this.plainName();
    const suffix = name ? ` · ${iconSafe(name)}` : '';
    this.item.text = (kills > 0 ? `$(mail) ${total}  $(stop-circle) ${kills}` : `$(mail) ${total}`) + suffix;
    this.item.backgroundColor = kills > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const stale = this.store.isStale
      ? `\n${vscode.l10n.t('Showing older data: {0}', plainText(this.store.error?.message ?? '', 200))}`
      : '';
    const where = name ? vscode.l10n.t('ScrapeHub ({0})', name) : 'ScrapeHub';
    const pending = total === 1 ? vscode.l10n.t('{0}: 1 pending message', where) : vscode.l10n.t('{0}: {1} pending messages', where, total);
    this.item.tooltip = `${pending}${kills > 0 ? vscode.l10n.t(', {0} KILL_REQUEST', kills) : ''}${stale}\n${vscode.l10n.t('Click to open the Messages view.')}`;
    this.item.accessibilityInformation = {
      label: name
        ? vscode.l10n.t('ScrapeHub {0}, {1} pending messages, {2} kill requests', name, total, kills)
        : vscode.l10n.t('ScrapeHub, {0} pending messages, {1} kill requests', total, kills),
    };
    this.item.show();
  }

  private showProblem(text: string): void {
    const name = this.plainName();
    this.item.text = name ? vscode.l10n.t('$(warning) ScrapeHub · {0}', iconSafe(name)) : vscode.l10n.t('$(warning) ScrapeHub');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.tooltip = vscode.l10n.t('{0}. Click to open the Messages view.', name ? `${text} (${name})` : text);
    this.item.accessibilityInformation = { label: name ? `${text}, ${name}` : text };
    this.item.show();
  }

  /** The name from scrapehub.servers as plain text; the status bar text also needs iconSafe. */
  private plainName(): string | undefined {
    const name = this.serverName?.name;
    return name === undefined ? undefined : plainText(name, 60);
  }
}
