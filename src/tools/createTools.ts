/** The language-model tools, registered under the names package.json contributes. */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { ToolName } from '../contributions/toolNames';
import type { ActiveServer } from '../state/serverConnection';
import { AcknowledgeTool } from './acknowledgeTool';
import { KillConfirmations } from './killConfirmations';
import { ListPendingTool } from './listPendingTool';
import { SendMessageTool } from './sendMessageTool';

export interface Tools {
  /** The tool registered under `name` (tests call it directly, as VS Code does after a confirmation). */
  get(name: string): vscode.LanguageModelTool<unknown>;
  /** The KILL_REQUEST tokens (tests set their clock). */
  readonly kills: KillConfirmations<ActiveServer>;
  /** Registers every tool with VS Code. */
  register(): vscode.Disposable[];
}

export function createTools(context: CommandContext): Tools {
  const kills = new KillConfirmations<ActiveServer>();
  const byName: Record<ToolName, vscode.LanguageModelTool<unknown>> = {
    [ToolName.ListPendingMessages]: new ListPendingTool(context),
    [ToolName.SendMessage]: new SendMessageTool(context, kills),
    [ToolName.AcknowledgeMessages]: new AcknowledgeTool(context),
  };
  return {
    get: (name) => {
      const tool = (byName as Record<string, vscode.LanguageModelTool<unknown> | undefined>)[name];
      if (!tool) throw new RangeError(name);
      return tool;
    },
    kills,
    register: () => Object.entries(byName).map(([name, tool]) => vscode.lm.registerTool(name, tool)),
  };
}
