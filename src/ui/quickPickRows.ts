/**
 * The rows of a quick pick: the listed items, made safe to draw, and the row that stands
 * for what the user typed when free text is allowed.
 */
import * as vscode from 'vscode';
import { iconSafe } from '../util/untrustedText';
import type { PickItem, PickOptions } from './prompts';

export type Item<T> = vscode.QuickPickItem & { value?: T; freeText?: string };

/**
 * Quick pick rows draw `$(name)` as an icon in the label, description and detail, and the
 * texts here can come from the server (a scraper named `$(check) prod`): iconSafe escapes
 * the syntax the way VS Code's escapeIcons does, so the row shows the name as sent.
 */
export function toQuickPickItem<T>(item: PickItem<T>): Item<T> {
  const shown = (text: string | undefined) => (text === undefined ? undefined : iconSafe(text, Infinity));
  return {
    label: iconSafe(item.label, Infinity),
    description: shown(item.description),
    detail: shown(item.detail),
    iconPath: item.icon ? new vscode.ThemeIcon(item.icon) : undefined,
    value: item.value,
  };
}

/** The row that stands for what the user typed, when it is not one of the listed items. */
export function freeTextItems<T>(options: PickOptions<T>, typed: string, listed: Item<T>[]): Item<T>[] {
  const text = typed.trim();
  if (!options.freeText || text === '' || listed.some((item) => item.label === text)) {
    return [];
  }
  const problem = options.freeText.validate(text);
  if (problem) {
    return [{ label: problem, iconPath: new vscode.ThemeIcon('error'), alwaysShow: true }];
  }
  const warning = options.freeText.warning?.(text);
  if (warning) {
    return [
      {
        label: options.freeText.describe(text),
        detail: warning,
        iconPath: new vscode.ThemeIcon('warning'),
        alwaysShow: true,
        freeText: text,
      },
    ];
  }
  return [{ label: options.freeText.describe(text), iconPath: new vscode.ThemeIcon('add'), alwaysShow: true, freeText: text }];
}

/** The value a chosen row stands for; none for an explanatory row. */
export function valueOf<T>(item: Item<T>, options: PickOptions<T>): T[] {
  if (item.freeText !== undefined && options.freeText) {
    return [options.freeText.toValue(item.freeText)];
  }
  return 'value' in item && item.value !== undefined ? [item.value] : [];
}
