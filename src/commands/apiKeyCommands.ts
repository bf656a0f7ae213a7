/** "Set API Key…" and "Clear API Key": both act on the configured server's origin only. */
import { requireServer } from './requireServer';
import { CommandId } from './commandIds';
import type { CommandContext } from './commandContext';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import * as vscode from 'vscode';

export async function setApiKey(context: CommandContext): Promise<void> {
  if (context.settings.server().kind !== 'ok') {
    await vscode.commands.executeCommand(CommandId.ConfigureServer);
    return;
  }
  if (await promptAndStoreApiKey(context, requireServer(context).address.origin)) {
    await context.store.refresh({ manual: true });
  }
}

export async function clearApiKey(context: CommandContext): Promise<void> {
  const origin = requireServer(context).address.origin;
  if (!(await context.keys.has(origin))) {
    context.notifier.show('info', `No API key is stored for ${origin}.`);
    return;
  }
  const confirmed = await context.prompts.confirm({
    message: `Remove the API key stored for ${origin}?`,
    detail: 'You will need to paste it again to see or send messages.',
    confirmLabel: 'Remove Key',
  });
  if (!confirmed) {
    return;
  }
  await context.keys.delete(origin);
  context.log.info(`[auth] removed the API key for ${origin}`);
  await context.store.refresh();
}
