/**
 * "Remove Server…": takes an entry out of `scrapehub.servers` after a confirmation, and
 * its stored key with it unless another entry (or the active server) uses the same origin.
 * The active server stays connected, just without a name, until you switch.
 */
import * as vscode from 'vscode';
import { withServerRemoved, type ServerList } from '../model/serverList';
import type { PickItem } from '../ui/prompts';
import { untrustedText } from '../util/untrustedText';
import type { CommandContext } from './commandContext';

interface Removable {
  index: number;
  label: string;
  origin?: string;
}

export async function removeServer(context: CommandContext): Promise<void> {
  const rawBefore = context.settings.rawServers();
  const list = context.settings.servers();
  const choices = removableChoices(list, context.connection.active?.address.baseUrl);
  if (choices.length === 0) {
    context.notifier.show('info', vscode.l10n.t('There are no named servers to remove.'));
    return;
  }
  const choice = await context.prompts.pick({
    title: vscode.l10n.t('Remove ScrapeHub Server'),
    placeholder: vscode.l10n.t('Server to remove from the list'),
    items: choices,
  });
  if (typeof choice !== 'object') {
    return;
  }
  const keyToRemove = await keyGoingWith(context, list, choice);
  const confirmed = await context.prompts.confirm({
    message: vscode.l10n.t('Remove the server "{0}" from the list?', untrustedText(choice.label, 80)),
    detail:
      keyToRemove !== undefined
        ? vscode.l10n.t('The API key stored for {0} is removed from secret storage too.', keyToRemove)
        : vscode.l10n.t('No stored API key is removed.'),
    confirmLabel: vscode.l10n.t('Remove Server'),
  });
  if (!confirmed) {
    return;
  }
  const raw = context.settings.rawServers();
  if (!Array.isArray(raw) || !Array.isArray(rawBefore) || JSON.stringify(raw[choice.index]) !== JSON.stringify(rawBefore[choice.index])) {
    context.notifier.show('warning', vscode.l10n.t('The server list changed in the meantime; nothing was removed. Please try again.'));
    return;
  }
  await context.settings.setRawServers(withServerRemoved(raw, choice.index));
  if (keyToRemove !== undefined) {
    await context.keys.delete(keyToRemove);
  }
  context.log.info(`[servers] removed "${choice.label}"${keyToRemove !== undefined ? ` and the key for ${keyToRemove}` : ''}`);
}

/** The named servers, and the unusable entries, as rows to pick from. */
function removableChoices(list: ServerList, activeUrl: string | undefined): PickItem<Removable>[] {
  return [
    ...list.servers.map((server) => ({
      label: untrustedText(server.name, 80),
      description: server.address.baseUrl === activeUrl ? vscode.l10n.t('{0} — active', server.address.baseUrl) : server.address.baseUrl,
      icon: 'server',
      value: { index: server.index, label: server.name, origin: server.address.origin },
    })),
    ...list.unusable
      .filter((entry) => entry.index >= 0)
      .map((entry) => ({
        label: untrustedText(entry.label, 80),
        description: vscode.l10n.t('not usable'),
        detail: entry.problem,
        icon: 'warning',
        value: { index: entry.index, label: entry.label },
      })),
  ];
}

/** The origin whose stored key goes too: only when no remaining server (nor the active one) uses it. */
async function keyGoingWith(context: CommandContext, list: ServerList, choice: Removable): Promise<string | undefined> {
  const remaining = list.servers.filter((server) => server.index !== choice.index);
  const origin = choice.origin;
  const keyStillUsed =
    origin === undefined ||
    remaining.some((server) => server.address.origin === origin) ||
    context.connection.active?.address.origin === origin;
  return !keyStillUsed && (await context.keys.has(origin)) ? origin : undefined;
}
