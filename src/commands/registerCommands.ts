/** Every command's implementation, each behind the same error boundary. */
import { acknowledgeAll, acknowledgeMessage } from './acknowledge';
import { clearApiKey, setApiKey } from './apiKeyCommands';
import type { CommandContext } from './commandContext';
import { CommandId } from './commandIds';
import { addServer } from './addServer';
import { configureServer } from './configureServer';
import { removeServer } from './removeServer';
import { switchServer } from './switchServer';
import { guard } from './errorReporting';
import { clearFilter, filterMessages } from './filter';
import { copyMessageId, openMessage } from './messageCommands';
import { refresh } from './refresh';
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
  [CommandId.SwitchServer]: { what: 'Could not switch the server', run: switchServer },
  [CommandId.AddServer]: { what: 'Could not add the server', run: addServer },
  [CommandId.RemoveServer]: { what: 'Could not remove the server', run: removeServer },
  [CommandId.ShowMore]: { what: 'Could not show more messages', run: showMore as Handler },
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
      throw new Error(`ScrapeHub has no command ${id}`);
    }
    return run(...args);
  };
}
