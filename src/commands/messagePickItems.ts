/**
 * The messages the view shows — the store's groups with the view's filter applied, in
 * tree order — for pickers and bulk actions, so they act on what the rows show.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { PickItem } from '../ui/prompts';
import { untrustedText } from '../util/untrustedText';
import { messageDescription, messageLabel } from '../views/treeItems';
import type { CommandContext } from './commandContext';

/** What the rows show: every pending message the filter (if any) lets through. */
export function shownMessages(context: CommandContext): ScraperMessage[] {
  return context.view.provider.allMessageNodes().map((node) => node.message);
}

/** The rows, in tree order; undefined (after telling the user `whenNone`) if nothing is shown. */
export function messagePickItems(context: CommandContext, whenNone: string): PickItem<ScraperMessage>[] | undefined {
  const messages = shownMessages(context);
  if (messages.length === 0) {
    context.notifier.show('info', whenNone);
    return undefined;
  }
  const now = Date.now();
  return messages.map((message) => ({
    label: messageLabel(message),
    description: vscode.l10n.t('{0} · {1}', untrustedText(message.scraperName, 60), messageDescription(message, now)),
    value: message,
  }));
}

/** How many pending messages matching `belongs` the filter hides (0 without a filter). */
export function hiddenByFilter(context: CommandContext, belongs: (message: ScraperMessage) => boolean): number {
  if (!context.view.provider.filter) {
    return 0;
  }
  const all = context.store.groups().reduce((count, group) => count + group.messages.filter(belongs).length, 0);
  return all - shownMessages(context).filter(belongs).length;
}
