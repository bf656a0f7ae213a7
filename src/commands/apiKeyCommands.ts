/** "Set API Key…" and "Clear API Key": both act on the configured server's origin only. */
import { requireServer } from './requireServer';
import { CommandId } from '../contributions/commandIds';
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
    context.notifier.show('info', vscode.l10n.t('No API key is stored for {0}.', origin));
    return;
  }
  const confirmed = await context.prompts.confirm({
    message: vscode.l10n.t('Remove the API key stored for {0}?', origin),
    detail: vscode.l10n.t('You will need to paste it again to see or send messages.'),
    confirmLabel: vscode.l10n.t('Remove Key'),
  });
  if (!confirmed) {
    return;
  }
  await context.keys.delete(origin);
  context.log.info(`[auth] removed the API key for ${origin}`);
  await context.store.refresh();
}
