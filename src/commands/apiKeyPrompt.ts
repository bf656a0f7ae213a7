/** The password box for an API key, shared by Set API Key and Configure Server. */
import * as vscode from 'vscode';
import { validateApiKey } from '../auth/apiKeyStore';
import { BACK } from '../ui/prompts';
import type { CommandContext } from './commandContext';

/**
 * Asks for the key of `origin` and stores it. With `keepIfEmpty`, an empty answer keeps
 * the stored key. Returns false when the user dismissed the box.
 */
export async function promptAndStoreApiKey(
  context: CommandContext,
  origin: string,
  options: { keepIfEmpty?: boolean; step?: number; totalSteps?: number } = {},
): Promise<boolean> {
  const remote = context.keys.remoteMachineOf(origin);
  const answer = await context.prompts.input({
    title:
      remote === undefined
        ? vscode.l10n.t('API key for {0}', origin)
        : vscode.l10n.t('API key for {0} on the remote machine {1}', origin, remote),
    step: options.step,
    totalSteps: options.totalSteps,
    prompt: options.keepIfEmpty
      ? vscode.l10n.t('A key is stored for {0}. Paste a new one to replace it, or press Enter to keep it.', origin)
      : remote === undefined
        ? vscode.l10n.t("Paste your ScrapeHub API key. It is kept in VS Code's secret storage and sent only to {0}.", origin)
        : vscode.l10n.t(
            "Paste your ScrapeHub API key. It is kept in VS Code's secret storage and sent only to {0} as seen from the remote machine {1}, over plain http.",
            origin,
            remote,
          ),
    password: true,
    validate: (text) => (options.keepIfEmpty && text === '' ? undefined : validateApiKey(text)),
  });
  if (answer === undefined || answer === BACK) {
    return false;
  }
  if (answer.trim() !== '') {
    await context.keys.store(origin, answer.trim());
    context.log.info(`[auth] stored a new API key for ${origin}`);
  }
  return true;
}
