/** The language-model tools, built once by the core and looked up by name by the activation entry. */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import type { ActiveServer } from '../state/serverConnection';
import { AcknowledgeTool } from './acknowledgeTool';
import { KillConfirmations } from './killConfirmations';
import { ListPendingTool } from './listPendingTool';
import { SendMessageTool } from './sendMessageTool';
import { ToolName } from './toolNames';
import { textResult } from './toolSupport';

export interface Tools {
  get(name: string): vscode.LanguageModelTool<unknown>;
  readonly kills: KillConfirmations<ActiveServer>;
}

export function createTools(context: CommandContext): Tools {
  const kills = new KillConfirmations<ActiveServer>();
  const byName = new Map<string, vscode.LanguageModelTool<unknown>>([
    [ToolName.ListPendingMessages, new ListPendingTool(context)],
    [ToolName.SendMessage, new SendMessageTool(context, kills)],
    [ToolName.AcknowledgeMessages, new AcknowledgeTool(context)],
  ]);
  // A manifest name the code does not know (test/unit/manifest.test.ts prevents it): an answer, not a throw.
  const unknown = (name: string): vscode.LanguageModelTool<unknown> => ({
    invoke: () => textResult(vscode.l10n.t('ScrapeHub has no tool {0}.', name)),
  });
  return { get: (name) => byName.get(name) ?? unknown(name), kills };
}
