/**
 * The Messages TreeView: badge with the pending count, a status line (TreeView.message)
 * for stale data and similar states, and the `scrapehub.state` context key that picks
 * the welcome content when the tree is empty.
 */
import * as vscode from 'vscode';
import { countMessages } from '../model/messageGroups';
import type { WorkspaceServerUrlWatch } from '../config/workspaceServerUrl';
import type { ScrapeHubError } from '../api/errors';
import type { ViewState } from '../model/viewState';
import type { MessageStore } from '../state/messageStore';
import { untrustedText } from '../util/untrustedText';
import type { MessageFilter } from '../model/messageFilter';
import { MessagesTreeProvider } from './messagesTreeProvider';
import type { Settings } from '../config/settings';
import type { RecentlyAcknowledged } from '../state/recentlyAcknowledged';
import type { TreeNode } from './treeNodes';

import { VIEW_ID } from '../contributions/viewId';
export const STATE_CONTEXT_KEY = 'scrapehub.state';
/** Ages are shown in minutes; redrawing expanded rows once a minute keeps them right. */
const AGE_TICK_MS = 60_000;
export const FILTERED_CONTEXT_KEY = 'scrapehub.filtered';
export const WORKSPACE_URL_IGNORED_CONTEXT_KEY = 'scrapehub.workspaceServerUrlIgnored';

/** The `scrapehub.state` value for each state; package.json has welcome content for each. */
const WELCOME_STATE: Record<ViewState, string> = {
  loading: 'loading',
  noServer: 'noServer',
  invalidServer: 'invalidServer',
  noKey: 'noKey',
  keyRejected: 'keyRejected',
  unreachable: 'unreachable',
  serverError: 'serverError',
  needsScraperNames: 'needsScraperNames',
  empty: 'empty',
  ok: 'ok',
};

export class MessagesView implements vscode.Disposable {
  readonly provider: MessagesTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Ids of expanded groups: their rows show ages, which a timer redraws. */
  private readonly expanded = new Set<string>();

  constructor(
    private readonly store: MessageStore,
    private readonly workspaceServerUrl: WorkspaceServerUrlWatch,
    recent: RecentlyAcknowledged,
    settings: Settings,
  ) {
    this.provider = new MessagesTreeProvider(store, recent, settings);
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true });
    const ageTicker = setInterval(() => this.treeView.visible && this.provider.refreshAges(this.expanded), AGE_TICK_MS);
    this.subscriptions.push(
      this.treeView,
      this.provider,
      { dispose: () => clearInterval(ageTicker) },
      this.treeView.onDidExpandElement(({ element }) => this.expanded.add(element.id)),
      this.treeView.onDidCollapseElement(({ element }) => this.expanded.delete(element.id)),
      store.onDidChange(() => this.update()),
      // The provider listened first, so the rows (and whether there are any) are current here.
      recent.onDidChange(() => this.update()),
      workspaceServerUrl.onDidChange(() => this.update()),
    );
    this.update();
  }

  /** Selects and shows a message, e.g. the one just sent. */
  async revealMessage(messageId: string): Promise<boolean> {
    const node = this.provider.findMessageNode(messageId);
    if (!node) {
      return false;
    }
    await this.treeView.reveal(node, { select: true, focus: false, expand: true });
    return true;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  /** Applies a filter (undefined clears it) and says so in the view. */
  setFilter(filter: MessageFilter | undefined): void {
    this.provider.setFilter(filter);
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, filter !== undefined);
    this.update();
  }

  private update(): void {
    const state = this.store.state;
    const filter = this.provider.filter;
    const shown = this.provider.pendingGroupNodes;
    const nothingMatches = filter !== undefined && shown.length === 0 && (state === 'ok' || state === 'empty');
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, nothingMatches ? 'noMatch' : WELCOME_STATE[state]);
    void vscode.commands.executeCommand('setContext', WORKSPACE_URL_IGNORED_CONTEXT_KEY, this.workspaceServerUrl.isPresent);
    const total = countMessages(this.store.groups());
    this.treeView.badge =
      total > 0
        ? { value: total, tooltip: total === 1 ? vscode.l10n.t('1 pending message') : vscode.l10n.t('{0} pending messages', total) }
        : undefined;
    // VS Code shows welcome content only while the message is empty, and an empty tree's
    // states are all explained by welcome content, so the message is for a tree with rows.
    // The server's own words and partial answers are the exception: no static welcome text can carry them.
    const hasRows = this.provider.getChildren().length > 0;
    const message = hasRows
      ? this.statusLine(state, total, filter && countMessages(shown.map((node) => node.group)))
      : this.emptyTreeLine(state);
    // VS Code counts every assignment as a change of the view (undefined and '' alike) and
    // holds back a tree change that comes within 200 ms of another: an unchanged message
    // would delay the first rows by that much.
    if ((message ?? '') !== (this.treeView.message ?? '')) this.treeView.message = message;
  }

  private emptyTreeLine(state: ViewState): string | undefined {
    const error = this.store.error;
    if (state === 'serverError' && error) {
      return `${this.serverSaid(error)} ${vscode.l10n.t('Retry with Refresh in the title bar of this view; Show Log is in its … menu.')}`;
    }
    return this.partialLine();
  }

  /** The server's message (with its status and code) and trace id, as plain text. */
  private serverSaid(error: ScrapeHubError): string {
    const said = vscode.l10n.t('The server answered with an error: {0}', untrustedText(error.message, 300));
    return error.traceId ? `${said} ${vscode.l10n.t('Trace id: {0}.', untrustedText(error.traceId, 80))}` : said;
  }

  /** Names the scrapers whose messages a strict server did not give us, and why. */
  private partialLine(): string | undefined {
    const failed = this.store.failedScrapers;
    if (failed.length === 0) {
      return undefined;
    }
    const names = failed
      .slice(0, 5)
      .map(({ scraperName }) => untrustedText(scraperName, 60))
      .join(', ');
    const more = failed.length > 5 ? vscode.l10n.t(' and {0} more', failed.length - 5) : '';
    return vscode.l10n.t(
      'Partial: the messages of {0}{1} could not be loaded ({2}).',
      names,
      more,
      untrustedText(failed[0].error.message, 160),
    );
  }

  private statusLine(state: ViewState, total: number, matching: number | undefined): string | undefined {
    const lines: string[] = [];
    const filter = this.provider.filter;
    if (filter && matching !== undefined) {
      lines.push(
        vscode.l10n.t(
          'Filter "{0}": {1} of {2} messages. Clear it with the ✕ button in the title bar.',
          untrustedText(filter.query, 80),
          matching,
          total,
        ),
      );
    }
    if (this.workspaceServerUrl.isPresent) {
      lines.push(
        vscode.l10n.t('A workspace setting for scrapehub.serverUrl was ignored: only your user settings choose where your key is sent.'),
      );
    }
    const partial = this.partialLine();
    if (partial) {
      lines.push(partial);
    }
    if (this.store.isStale) {
      const when = new Date(this.store.lastUpdated!).toLocaleTimeString();
      lines.push(vscode.l10n.t('Showing data from {0}; the last refresh failed: {1}', when, untrustedText(this.store.error!.message, 200)));
    } else if (state === 'ok' && total === 0) {
      lines.push(vscode.l10n.t('No pending messages.'));
    }
    return lines.length > 0 ? lines.join(' ') : undefined;
  }
}
