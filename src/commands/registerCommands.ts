/** Every command's implementation, each behind the same error boundary. */
import * as vscode from 'vscode';
import { acknowledgeAll, acknowledgeMessage } from './acknowledge';
import { acknowledgeAllOfType } from './acknowledgeType';
import { chooseGroupBy, chooseSortBy } from './arrangeMessages';
import { clearApiKey, setApiKey } from './apiKeyCommands';
import type { CommandContext } from './commandContext';
import { CommandId } from './commandIds';
import { addServer } from './addServer';
import { configureServer } from './configureServer';
import { removeServer } from './removeServer';
import { switchServer } from './switchServer';
import { guard } from './errorReporting';
import { clearFilter, filterMessages } from './filter';
import { copyMessageId, copyMessageJson, openMessage } from './messageCommands';
import { refresh } from './refresh';
import { sendAgain } from './sendAgain';
import { sendMessage } from './sendMessage';
import { showConnectionInfo } from './showConnectionInfo';
import { showMore } from './showMore';
import type { TreeNode } from '../views/treeNodes';

type Handler = (context: CommandContext, ...args: never[]) => Promise<unknown>;

const HANDLERS: Record<CommandId, { what: string; run: Handler }> = {
  [CommandId.Refresh]: { what: vscode.l10n.t('Could not refresh'), run: refresh },
  [CommandId.SendMessage]: { what: vscode.l10n.t('Could not send the message'), run: sendMessage as Handler },
  [CommandId.AcknowledgeMessage]: { what: vscode.l10n.t('Could not acknowledge'), run: acknowledgeMessage as Handler },
  [CommandId.AcknowledgeAll]: { what: vscode.l10n.t('Could not acknowledge'), run: acknowledgeAll as Handler },
  [CommandId.SetApiKey]: { what: vscode.l10n.t('Could not set the API key'), run: setApiKey },
  [CommandId.ClearApiKey]: { what: vscode.l10n.t('Could not clear the API key'), run: clearApiKey },
  [CommandId.ConfigureServer]: { what: vscode.l10n.t('Could not configure the server'), run: configureServer },
  [CommandId.OpenMessage]: { what: vscode.l10n.t('Could not open the message'), run: openMessage as Handler },
  [CommandId.CopyMessageId]: { what: vscode.l10n.t('Could not copy the message ID'), run: copyMessageId as Handler },
  [CommandId.ShowLog]: { what: vscode.l10n.t('Could not show the log'), run: async (context) => context.log.show() },
  [CommandId.Filter]: { what: vscode.l10n.t('Could not filter'), run: filterMessages },
  [CommandId.ClearFilter]: { what: vscode.l10n.t('Could not clear the filter'), run: clearFilter },
  [CommandId.ShowConnectionInfo]: { what: vscode.l10n.t('Could not read the connection info'), run: showConnectionInfo },
  [CommandId.SwitchServer]: { what: vscode.l10n.t('Could not switch the server'), run: switchServer },
  [CommandId.AddServer]: { what: vscode.l10n.t('Could not add the server'), run: addServer },
  [CommandId.RemoveServer]: { what: vscode.l10n.t('Could not remove the server'), run: removeServer },
  [CommandId.ShowMore]: { what: vscode.l10n.t('Could not show more messages'), run: showMore as Handler },
  [CommandId.CopyMessageJson]: { what: vscode.l10n.t('Could not copy the message'), run: copyMessageJson as Handler },
  [CommandId.SendAgain]: { what: vscode.l10n.t('Could not send the message again'), run: sendAgain as Handler },
  [CommandId.AcknowledgeAllOfType]: { what: vscode.l10n.t('Could not acknowledge'), run: acknowledgeAllOfType as Handler },
  [CommandId.GroupBy]: { what: vscode.l10n.t('Could not change the grouping'), run: chooseGroupBy },
  [CommandId.SortBy]: { what: vscode.l10n.t('Could not change the sort order'), run: chooseSortBy },
};

/** Runs a command by id with the arguments VS Code passed (src/extension.ts registers the ids). */
export type CommandRunner = (id: string, args: unknown[]) => Promise<unknown>;

export function createCommandRunner(context: CommandContext): CommandRunner {
  const guarded = new Map(
    Object.entries(HANDLERS).map(([id, { what, run }]) => [id, guard(context, what, (...args: unknown[]) => run(context, ...(args as TreeNode[] as never[])))]),
  );
  return async (id, args) => {
    const run = guarded.get(id);
    if (!run) {
      throw new Error(vscode.l10n.t('ScrapeHub has no command {0}', id));
    }
    return run(...args);
  };
}
