/** Every command's handler, its typed arguments, and the one error boundary around them. */
import * as vscode from 'vscode';
import { ScrapeHubError } from '../api/errors';
import { acknowledgeAll, acknowledgeMessage } from './acknowledge';
import { acknowledgeAllOfType } from './acknowledgeType';
import { addServer } from './addServer';
import { clearApiKey, setApiKey } from './apiKeyCommands';
import { chooseGroupBy, chooseSortBy } from './arrangeMessages';
import { nodeAndSelectionArgs, nodeArg, nodeOrKeyboardArg, noArgs, type ArgsReader } from './commandArgs';
import type { CommandContext } from './commandContext';
import { CommandId } from '../contributions/commandIds';
import { configureServer } from './configureServer';
import { guard } from './errorReporting';
import { clearFilter, filterMessages } from './filter';
import { copyMessageId, copyMessageJson, copyMessageLink, openMessage } from './messageCommands';
import { refresh } from './refresh';
import { removeServer } from './removeServer';
import { sendAgain } from './sendAgain';
import { sendMessage } from './sendMessage';
import { showConnectionInfo } from './showConnectionInfo';
import { showMore } from './showMore';
import { reportIssue, saveDiagnostics } from './supportReport';
import { switchServer } from './switchServer';

interface Command {
  /** The start of the error message when the command fails ("Could not …"). */
  what: string;
  run(context: CommandContext, raw: readonly unknown[]): Promise<unknown>;
}

/** Pairs a handler with the reader of its arguments; the compiler checks that they agree. */
function command<A extends unknown[]>(
  what: string,
  read: ArgsReader<A>,
  handler: (context: CommandContext, ...args: A) => unknown,
): Command {
  return {
    what,
    run: async (context, raw) => {
      const args = read(raw);
      if (!args) {
        throw new ScrapeHubError('validation', vscode.l10n.t('The command was given something it cannot act on, so it did nothing.'));
      }
      return await handler(context, ...args);
    },
  };
}

function commands(): Record<CommandId, Command> {
  return {
    [CommandId.Refresh]: command(vscode.l10n.t('Could not refresh'), noArgs, refresh),
    [CommandId.SendMessage]: command(vscode.l10n.t('Could not send the message'), nodeArg, sendMessage),
    [CommandId.AcknowledgeMessage]: command(vscode.l10n.t('Could not acknowledge'), nodeAndSelectionArgs, acknowledgeMessage),
    [CommandId.AcknowledgeAll]: command(vscode.l10n.t('Could not acknowledge'), nodeArg, acknowledgeAll),
    [CommandId.SetApiKey]: command(vscode.l10n.t('Could not set the API key'), noArgs, setApiKey),
    [CommandId.ClearApiKey]: command(vscode.l10n.t('Could not clear the API key'), noArgs, clearApiKey),
    [CommandId.ConfigureServer]: command(vscode.l10n.t('Could not configure the server'), noArgs, configureServer),
    [CommandId.OpenMessage]: command(vscode.l10n.t('Could not open the message'), nodeOrKeyboardArg, openMessage),
    [CommandId.CopyMessageId]: command(vscode.l10n.t('Could not copy the message ID'), nodeOrKeyboardArg, copyMessageId),
    [CommandId.ShowLog]: command(vscode.l10n.t('Could not show the log'), noArgs, (context) => context.log.show()),
    [CommandId.Filter]: command(vscode.l10n.t('Could not filter'), noArgs, filterMessages),
    [CommandId.ClearFilter]: command(vscode.l10n.t('Could not clear the filter'), noArgs, clearFilter),
    [CommandId.ShowConnectionInfo]: command(vscode.l10n.t('Could not read the connection info'), noArgs, showConnectionInfo),
    [CommandId.SwitchServer]: command(vscode.l10n.t('Could not switch the server'), noArgs, switchServer),
    [CommandId.AddServer]: command(vscode.l10n.t('Could not add the server'), noArgs, addServer),
    [CommandId.RemoveServer]: command(vscode.l10n.t('Could not remove the server'), noArgs, removeServer),
    [CommandId.ShowMore]: command(vscode.l10n.t('Could not show more messages'), nodeArg, showMore),
    [CommandId.CopyMessageJson]: command(vscode.l10n.t('Could not copy the message'), nodeOrKeyboardArg, copyMessageJson),
    [CommandId.SendAgain]: command(vscode.l10n.t('Could not send the message again'), nodeArg, sendAgain),
    [CommandId.AcknowledgeAllOfType]: command(vscode.l10n.t('Could not acknowledge'), nodeArg, acknowledgeAllOfType),
    [CommandId.GroupBy]: command(vscode.l10n.t('Could not change the grouping'), noArgs, chooseGroupBy),
    [CommandId.SortBy]: command(vscode.l10n.t('Could not change the sort order'), noArgs, chooseSortBy),
    [CommandId.CopyMessageLink]: command(vscode.l10n.t('Could not copy the link'), nodeArg, copyMessageLink),
    [CommandId.ReportIssue]: command(vscode.l10n.t('Could not open the issue reporter'), noArgs, reportIssue),
    [CommandId.SaveDiagnostics]: command(vscode.l10n.t('Could not save the diagnostics'), noArgs, saveDiagnostics),
  };
}

/** Registers every command with its handler inside the error boundary. */
export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(commands()).map(([id, found]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => guard(context, found.what, () => found.run(context, args))()),
  );
}
