/** "Configure Server…": the server URL, then the key for that server's origin. */
import * as vscode from 'vscode';
import { parseServerUrl } from '../api/serverUrl';
import { BACK } from '../ui/prompts';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import type { CommandContext } from './commandContext';

export async function configureServer(context: CommandContext): Promise<void> {
  const current = context.settings.server();
  const answer = await context.prompts.input({
    title: vscode.l10n.t('Configure ScrapeHub Server'),
    step: 1,
    totalSteps: 2,
    prompt: vscode.l10n.t('ScrapeHub API URL. Giving only the origin appends {0}.', '/scrapehub/api'),
    placeholder: 'https://hub.example.com/scrapehub/api',
    value: current.kind === 'ok' ? current.address.baseUrl : current.kind === 'invalid' ? current.value : '',
    validate: (text) => {
      const parsed = parseServerUrl(text);
      return parsed.ok ? undefined : parsed.problem;
    },
  });
  if (answer === undefined || answer === BACK) {
    return;
  }
  const parsed = parseServerUrl(answer);
  if (!parsed.ok) {
    return;
  }
  const { address } = parsed;
  const hasKey = await context.keys.has(address.origin);
  // Store the key before switching the URL, so the first refresh on the new server has it.
  const keyAnswered = await promptAndStoreApiKey(context, address.origin, { keepIfEmpty: hasKey, step: 2, totalSteps: 2 });
  await context.settings.setServerUrl(address.baseUrl);
  context.log.info(`[command] server set to ${address.baseUrl}${keyAnswered ? '' : ' (no key entered)'}`);
  await context.store.refresh({ manual: true });
}
