/** Registers every command, each behind the same error boundary. */
import * as vscode from 'vscode';
import { acknowledgeAll, acknowledgeMessage } from './acknowledge';
import { acknowledgeAllOfType } from './acknowledgeType';
import { chooseGroupBy, chooseSortBy } from './arrangeMessages';
import { clearApiKey, setApiKey } from './apiKeyCommands';
import type { CommandContext } from './commandContext';
import { CommandId } from './commandIds';
import { configureServer } from './configureServer';
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
  [CommandId.Refresh]: { what: 'Could not refresh', run: refresh },
  [CommandId.SendMessage]: { what: 'Could not send the message', run: sendMessage as Handler },
  [CommandId.AcknowledgeMessage]: { what: 'Could not acknowledge', run: acknowledgeMessage as Handler },
  [CommandId.AcknowledgeAll]: { what: 'Could not acknowledge', run: acknowledgeAll as Handler },
  [CommandId.SetApiKey]: { what: 'Could not set the API key', run: setApiKey },
  [CommandId.ClearApiKey]: { what: 'Could not clear the API key', run: clearApiKey },
  [CommandId.ConfigureServer]: { what: 'Could not configure the server', run: configureServer },
  [CommandId.OpenMessage]: { what: 'Could not open the message', run: openMessage as Handler },
  [CommandId.CopyMessageId]: { what: 'Could not copy the message ID', run: copyMessageId as Handler },
  [CommandId.ShowLog]: { what: 'Could not show the log', run: async (context) => context.log.show() },
  [CommandId.Filter]: { what: 'Could not filter', run: filterMessages },
  [CommandId.ClearFilter]: { what: 'Could not clear the filter', run: clearFilter },
  [CommandId.ShowConnectionInfo]: { what: 'Could not read the connection info', run: showConnectionInfo },
  [CommandId.ShowMore]: { what: 'Could not show more messages', run: showMore as Handler },
  [CommandId.CopyMessageJson]: { what: 'Could not copy the message', run: copyMessageJson as Handler },
  [CommandId.SendAgain]: { what: 'Could not send the message again', run: sendAgain as Handler },
  [CommandId.AcknowledgeAllOfType]: { what: 'Could not acknowledge', run: acknowledgeAllOfType as Handler },
  [CommandId.GroupBy]: { what: 'Could not change the grouping', run: chooseGroupBy },
  [CommandId.SortBy]: { what: 'Could not change the sort order', run: chooseSortBy },
};

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(HANDLERS).map(([id, { what, run }]) =>
    vscode.commands.registerCommand(id, guard(context, what, (...args: unknown[]) => run(context, ...(args as TreeNode[] as never[])))),
  );
}
