/**
 * scrapehub_listPendingMessages: what the Messages view knows, for a model. Fresh data
 * is answered from the store without a request; older data is refreshed once first (the
 * store honours the server's Retry-After). The answer names the server and says when
 * the data is stale or incomplete.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { describeError } from '../commands/errorReporting';
import { compareNewestFirst } from '../model/messageGroups';
import type { MessageStore } from '../state/messageStore';
import { pendingText } from './pendingText';
import { checkListInput } from './toolInput';
import { serverChangedText, textResult, usableServer } from './toolSupport';

/** Data younger than this is answered as is: the view polls every 30 s by default. */
export const FRESH_FOR_MS = 60_000;

function isFresh(store: MessageStore, now: number): boolean {
  const answer = store.lastAnswer;
  return answer !== undefined && now - answer.fetchedAt < FRESH_FOR_MS && store.state !== 'loading';
}

/** Why there is no data to list, from the store's state. */
function noDataText(store: MessageStore, label: string): string {
  const why = store.error ? describeError(store.error) : undefined;
  switch (store.state) {
    case 'noKey':
      return vscode.l10n.t('No API key is stored for the ScrapeHub server "{0}". The user must run "ScrapeHub: Set API Key…".', label);
    case 'keyRejected':
      return vscode.l10n.t(
        'The ScrapeHub server "{0}" rejected the API key ({1}). The user must set a valid key with "ScrapeHub: Set API Key…".',
        label,
        why ?? '',
      );
    case 'unreachable':
    case 'serverError':
      return vscode.l10n.t('Could not load the pending messages from the ScrapeHub server "{0}": {1}', label, why ?? '');
    default:
      return vscode.l10n.t('The pending messages of the ScrapeHub server "{0}" are still loading. Try again in a moment.', label);
  }
}

export class ListPendingTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly context: CommandContext) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: vscode.l10n.t('Reading pending ScrapeHub messages') };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    const input = checkListInput(options.input);
    if (!input.ok) {
      return textResult(input.problem);
    }
    const server = await usableServer(this.context, this.context.connection.active);
    if (typeof server === 'string') {
      return textResult(server);
    }
    const { store, connection } = this.context;
    if (!isFresh(store, Date.now())) {
      await store.refresh();
    }
    if (!connection.isCurrent(server)) {
      return textResult(serverChangedText(this.context, server));
    }
    const fetchedAt = store.lastUpdated;
    if (fetchedAt === undefined) {
      return textResult(noDataText(store, server.label));
    }
    const messages = store
      .groups()
      .flatMap((group) => group.messages)
      .sort(compareNewestFirst);
    return textResult(
      pendingText(messages, input.value, {
        serverLabel: server.label,
        fetchedAt,
        now: Date.now(),
        staleBecause: store.isStale && store.error ? describeError(store.error) : undefined,
        failedScrapers: store.failedScrapers.map((failure) => failure.scraperName),
        needsScraperNames: store.state === 'needsScraperNames',
      }),
    );
  }
}
