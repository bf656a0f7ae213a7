/**
 * "Switch Server…": a picker of the named servers (`scrapehub.servers`) showing each one's
 * URL, whether a key is stored for it, and which one is active. Switching writes
 * `scrapehub.serverUrl`, so every existing path (the connection rebuilt for the new
 * origin, the store dropping the old server's data and aborting its requests) applies.
 */
import * as vscode from 'vscode';
import type { NamedServer, UnusableServerEntry } from '../model/serverList';
import { untrustedText } from '../util/untrustedText';
import { addServer } from './addServer';
import { switchTo } from './switchTo';
import type { CommandContext } from './commandContext';
import type { PickItem } from '../ui/prompts';

type Choice = { kind: 'server'; server: NamedServer } | { kind: 'unusable'; entry: UnusableServerEntry } | { kind: 'add' };

const openSettingsLabel = (): string => vscode.l10n.t('Open Settings');

export async function switchServer(context: CommandContext): Promise<void> {
  const list = context.settings.servers();
  const activeUrl = context.connection.active?.address.baseUrl;
  // One secret read per origin, in parallel: enough to say "key stored", and the values are dropped at once.
  const origins = [...new Set(list.servers.map((server) => server.address.origin))];
  const stored = new Map(await Promise.all(origins.map(async (origin) => [origin, await context.keys.has(origin)] as const)));
  const items: PickItem<Choice>[] = [
    ...list.servers.map((server) => serverItem(server, server.address.baseUrl === activeUrl, stored.get(server.address.origin) === true)),
    ...list.unusable.map((entry): PickItem<Choice> => ({
      label: untrustedText(entry.label, 80),
      description: vscode.l10n.t('not usable'),
      detail: entry.problem,
      icon: 'warning',
      value: { kind: 'unusable', entry },
    })),
    {
      label: vscode.l10n.t('Add Server…'),
      detail: vscode.l10n.t('Name another server and store its API key.'),
      icon: 'add',
      value: { kind: 'add' },
    },
  ];
  const choice = await context.prompts.pick({
    title: vscode.l10n.t('Switch ScrapeHub Server'),
    placeholder: list.servers.length > 0 ? vscode.l10n.t('Server to show messages from') : vscode.l10n.t('No named servers yet: add one'),
    items,
    activeValue: items.find((item) => item.value.kind === 'server' && item.value.server.address.baseUrl === activeUrl)?.value,
  });
  if (typeof choice !== 'object') {
    return;
  }
  if (choice.kind === 'add') {
    await addServer(context);
  } else if (choice.kind === 'unusable') {
    await explainUnusable(context, choice.entry);
  } else {
    await switchTo(context, choice.server);
  }
}

function serverItem(server: NamedServer, active: boolean, hasKey: boolean): PickItem<Choice> {
  return {
    label: untrustedText(server.name, 80),
    description: active ? vscode.l10n.t('{0} — active', server.address.baseUrl) : server.address.baseUrl,
    detail: hasKey ? vscode.l10n.t('API key stored') : vscode.l10n.t('No API key stored yet: you will be asked for it'),
    icon: active ? 'check' : 'server',
    value: { kind: 'server', server },
  };
}

async function explainUnusable(context: CommandContext, entry: UnusableServerEntry): Promise<void> {
  const choice = await context.notifier.show(
    'warning',
    vscode.l10n.t(
      'The server entry "{0}" in scrapehub.servers cannot be used: {1} Fix it in your user settings, or remove it with "ScrapeHub: Remove Server…".',
      untrustedText(entry.label, 80),
      entry.problem,
    ),
    openSettingsLabel(),
  );
  if (choice === openSettingsLabel()) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'scrapehub.servers');
  }
}
