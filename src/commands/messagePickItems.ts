/** Picker rows for the pending messages, for commands run from the palette without a tree node. */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';
import type { PickItem } from '../ui/prompts';
import { untrustedText } from '../util/untrustedText';
import { messageDescription, messageLabel } from '../views/treeNodes';
import type { CommandContext } from './commandContext';

/** The rows, in tree order; undefined (after telling the user `whenNone`) if nothing is pending. */
export function messagePickItems(context: CommandContext, whenNone: string): PickItem<ScraperMessage>[] | undefined {
  const nodes = context.view.provider.allMessageNodes();
  if (nodes.length === 0) {
    context.notifier.show('info', whenNone);
    return undefined;
  }
  const now = Date.now();
  return nodes.map(({ message }) => ({
    label: messageLabel(message),
    description: vscode.l10n.t('{0} · {1}', untrustedText(message.scraperName, 60), messageDescription(message, now)),
    value: message,
  }));
}
