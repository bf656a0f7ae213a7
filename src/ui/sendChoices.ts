/**
 * The rows the Send Message steps offer. Texts are getters: looked up when shown, in the
 * display language, not at load time.
 */
import * as l10n from '@vscode/l10n';
import type { KnownMessageType } from '../api/types';
import { EXPIRY_PRESETS, type ExpiryChoice } from '../model/sendDraft';
import type { PickItem } from './prompts';

export const MESSAGE_TYPE_ITEMS: PickItem<KnownMessageType>[] = [
  {
    label: 'KILL_REQUEST',
    icon: 'stop-circle',
    get description() {
      return l10n.t('Stop the scrape that is running');
    },
    get detail() {
      return l10n.t('The scraper stops its current scrape when it reads this message.');
    },
    value: 'KILL_REQUEST',
  },
  {
    label: 'START',
    icon: 'play-circle',
    get description() {
      return l10n.t('Begin a scrape');
    },
    get detail() {
      return l10n.t('The scraper starts a new scrape when it reads this message.');
    },
    value: 'START',
  },
];

/** The scrapers to offer, `current` (what was chosen before) first, each with its warning if any. */
export function scraperItems(
  suggestions: readonly string[],
  current: string | undefined,
  warningFor: ((scraperName: string) => string | undefined) | undefined,
): PickItem<string>[] {
  const names = [...new Set(current ? [current, ...suggestions] : suggestions)];
  return names.map((name) => {
    const warning = warningFor?.(name);
    return warning ? { label: name, value: name, icon: 'warning', description: warning } : { label: name, value: name };
  });
}

/** Extra choices first, then the presets, then "Custom date and time…". */
export function expiryItems(extra: PickItem<ExpiryChoice>[]): PickItem<ExpiryChoice | 'custom'>[] {
  return [
    ...extra,
    ...EXPIRY_PRESETS.map((preset) => ({ label: preset.label, value: preset.choice })),
    { label: l10n.t('Custom date and time…'), description: 'ISO 8601', value: 'custom' },
  ];
}

export /** The item value equal to the draft's choice, so the picker can highlight it. */
function activeExpiry(choice: ExpiryChoice | undefined, extra: PickItem<ExpiryChoice>[]): ExpiryChoice | 'custom' | undefined {
  if (!choice) {
    return undefined;
  }
  const same = (value: ExpiryChoice) => JSON.stringify(value) === JSON.stringify(choice);
  const found = extra.find((item) => same(item.value))?.value ?? EXPIRY_PRESETS.find((preset) => same(preset.choice))?.choice;
  return found ?? (choice.kind === 'custom' ? 'custom' : undefined);
}
