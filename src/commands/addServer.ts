/**
 * "Add Server…": a name, the URL, then the key for that URL's origin; the entry is saved
 * in `scrapehub.servers` (user settings) and becomes the active server. The entry is written
 * before the key is asked for, so dismissing the password box loses nothing typed.
 */
import * as vscode from 'vscode';
import { parseServerUrl } from '../api/serverUrl';
import { validateNewServerUrl, validateServerName, withServerAdded } from '../model/serverList';
import { BACK } from '../ui/prompts';
import type { CommandContext } from './commandContext';
import { switchTo } from './switchTo';

const TOTAL_STEPS = 3;

export async function addServer(context: CommandContext): Promise<void> {
  const { servers } = context.settings.servers();
  const active = context.connection.active?.address;
  // The active server, when it has no name yet, is the likely one to name.
  const unnamedActive = active && !servers.some((server) => server.address.baseUrl === active.baseUrl) ? active.baseUrl : undefined;
  let name = '';
  for (;;) {
    const answeredName = await context.prompts.input({
      title: vscode.l10n.t('Add ScrapeHub Server'),
      step: 1,
      totalSteps: TOTAL_STEPS,
      prompt: vscode.l10n.t('A short name for the server, shown in the status bar and the view title.'),
      placeholder: vscode.l10n.t('dev, staging, prod…'),
      value: name,
      validate: (text) => validateServerName(text, servers),
    });
    if (answeredName === undefined || answeredName === BACK) {
      return;
    }
    name = answeredName.trim();
    const url = await context.prompts.input({
      title: vscode.l10n.t('Add ScrapeHub Server "{0}"', name),
      step: 2,
      totalSteps: TOTAL_STEPS,
      canGoBack: true,
      prompt: vscode.l10n.t('ScrapeHub API URL. Giving only the origin appends /scrapehub/api.'),
      placeholder: 'https://hub.example.com/scrapehub/api',
      value: unnamedActive ?? '',
      validate: (text) => validateNewServerUrl(text, servers),
    });
    if (url === undefined) {
      return;
    }
    if (url === BACK) {
      continue;
    }
    const parsed = parseServerUrl(url);
    if (!parsed.ok) {
      return;
    }
    await context.settings.setRawServers(withServerAdded(context.settings.rawServers(), name, parsed.address.baseUrl));
    context.log.info(`[servers] added "${name}" (${parsed.address.baseUrl})`);
    await switchTo(context, { name, address: parsed.address }, { step: 3, totalSteps: TOTAL_STEPS });
    return;
  }
}
