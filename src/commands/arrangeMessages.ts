/**
 * "Group By…" and "Sort By…" in the Messages view's title menu. They write the settings
 * (scrapehub.groupBy / scrapehub.sortBy), so the choice is remembered and visible in the
 * Settings editor; the tree follows the setting and re-renders without a request.
 */
import * as vscode from 'vscode';
import { GROUP_BY_SETTING, SORT_BY_SETTING } from '../config/settings';
import type { GroupBy, SortBy } from '../model/messageArrangement';
import type { PickItem } from '../ui/prompts';
import type { CommandContext } from './commandContext';

export async function chooseGroupBy(context: CommandContext): Promise<void> {
  const current = context.settings.arrangement().groupBy;
  const items: PickItem<GroupBy>[] = [
    {
      label: vscode.l10n.t('Scraper'),
      icon: 'server-process',
      detail: vscode.l10n.t('One group per scraper, including your assigned scrapers without messages.'),
      value: 'scraper',
    },
    {
      label: vscode.l10n.t('Message Type'),
      icon: 'symbol-enum',
      detail: vscode.l10n.t('One group per message type (KILL_REQUEST, START…), across scrapers.'),
      value: 'messageType',
    },
  ];
  await choose(context, GROUP_BY_SETTING, vscode.l10n.t('Group Messages By'), items, current);
}

export async function chooseSortBy(context: CommandContext): Promise<void> {
  const current = context.settings.arrangement().sortBy;
  const items: PickItem<SortBy>[] = [
    { label: vscode.l10n.t('Created'), icon: 'history', detail: vscode.l10n.t('Newest first.'), value: 'created' },
    {
      label: vscode.l10n.t('Expiry'),
      icon: 'watch',
      detail: vscode.l10n.t('Soonest to expire first; messages that never expire last.'),
      value: 'expiry',
    },
  ];
  await choose(context, SORT_BY_SETTING, vscode.l10n.t('Sort Messages By'), items, current);
}

async function choose<T extends string>(
  context: CommandContext,
  key: typeof GROUP_BY_SETTING | typeof SORT_BY_SETTING,
  title: string,
  items: PickItem<T>[],
  current: T,
): Promise<void> {
  const marked = items.map((item) => (item.value === current ? { ...item, description: vscode.l10n.t('current') } : item));
  const answer = await context.prompts.pick<T>({ title, placeholder: title, items: marked, activeValue: current });
  if (typeof answer !== 'string' || answer === current) {
    return;
  }
  await context.settings.setArrangement(key, answer);
  // Applied at once, not only when the configuration event arrives.
  context.view.provider.setArrangement(context.settings.arrangement());
}
