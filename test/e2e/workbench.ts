/**
 * The VS Code workbench as a person uses it, for the e2e scenarios: the activity bar, the
 * ScrapeHub view and its tree rows (found by their accessible names), the command palette
 * and quick input (driven with the keyboard), context menus, modal dialogs, notification
 * toasts and the Settings editor. Every wait is on a condition, never on a fixed time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually, waitUntil } from './eventually';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A spot in the editor area with nothing under it that shows a hover. The mouse rests
 * here between steps: a tooltip left open over the tree or a quick pick would cover the
 * next thing to click.
 */
const RESTING_MOUSE = { x: 700, y: 700 };

/** VS Code attaches a menu item's mouse-up handler 100 ms after rendering the menu. */
const MENU_ARMING_MS = 150;

export class Workbench {
  constructor(readonly page: Page) {}

  // ---- activity bar and view ----

  /** The ScrapeHub entry of the activity bar (its aria-label gains the badge text, so match the icon class). */
  get activityBarEntry(): Locator {
    return this.page
      .locator('.part.activitybar li[role="tab"]')
      .filter({ has: this.page.locator('a.action-label[class*="activity-workbench-view-extension-scrapehub-"]') });
  }

  get activityBarIcon(): Locator {
    return this.activityBarEntry.locator('a.action-label');
  }

  get badge(): Locator {
    return this.activityBarEntry.locator('.badge');
  }

  /** The number on the activity-bar badge; 0 when no badge is shown. */
  async badgeCount(): Promise<number> {
    if (!(await this.badge.isVisible())) return 0;
    const text = (await this.badge.locator('.badge-content').innerText()).trim();
    return text === '' ? 0 : Number(text);
  }

  async waitForBadge(count: number): Promise<void> {
    await eventually(
      `the activity-bar badge to show ${count}`,
      () => this.badgeCount(),
      (shown) => shown === count,
    );
  }

  /** The ScrapeHub view container in the side bar. */
  get view(): Locator {
    return this.page.locator('[id="workbench.view.extension.scrapehub"]');
  }

  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  get welcome(): Locator {
    return this.view.locator('.welcome-view-content');
  }

  /** TreeView.message: the line above the rows (stale data, no pending messages…). */
  get viewMessage(): Locator {
    return this.view.locator('.tree-explorer-viewlet-tree-view > .message');
  }

  async openScrapeHubView(): Promise<void> {
    if ((await this.activityBarEntry.getAttribute('aria-selected')) !== 'true') {
      await this.activityBarIcon.click();
    }
    await this.view.waitFor({ state: 'visible' });
    await this.restMouse();
  }

  // ---- tree ----

  get rows(): Locator {
    return this.view.getByRole('treeitem');
  }

  scraperRow(name: string): Locator {
    return this.view.getByRole('treeitem', { name: new RegExp(`^Scraper ${escapeRegExp(name)}, `) });
  }

  /** Scraper row with exactly this many pending messages. */
  scraperRowWithCount(name: string, count: number): Locator {
    const pending = count === 1 ? '1 pending message' : `${count} pending messages`;
    return this.view.getByRole('treeitem', { name: `Scraper ${name}, ${pending}`, exact: true });
  }

  /**
   * A message row by its accessible name: "<TYPE> for <scraper>: <text>, <age> old, <expiry>",
   * or "<TYPE> for <scraper>, <age> old…" for a message without text.
   */
  messageRow(type: string, text?: string): Locator {
    const label = text === undefined ? `^${escapeRegExp(type)} for [^:]+, ` : `^${escapeRegExp(type)} for [^:]+: ${escapeRegExp(text)}, `;
    return this.view.getByRole('treeitem', { name: new RegExp(label) });
  }

  /** Accessible names of the top-level (scraper) rows, in order. */
  /** The scraper rows only (not "Recently acknowledged", which follows them). */
  async scraperRowLabels(): Promise<string[]> {
    return (await this.topLevelRowLabels()).filter((label) => label.startsWith('Scraper '));
  }

  async topLevelRowLabels(): Promise<string[]> {
    return this.view
      .locator('[role="treeitem"][aria-level="1"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  }

  async expandScraper(name: string): Promise<void> {
    const row = this.scraperRow(name);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await eventually(
      `the row of ${name} to be expanded`,
      () => row.getAttribute('aria-expanded'),
      (value) => value === 'true',
    );
    await this.restMouse();
  }

  async isSelected(row: Locator): Promise<boolean> {
    return (await row.getAttribute('aria-selected')) === 'true';
  }

  /** Clicks a view-title action (Refresh, Collapse All, Send Message…) by its label. */
  async clickViewAction(label: string): Promise<void> {
    await this.sideBar.locator('.title-actions').getByRole('button', { name: label, exact: true }).click();
    await this.restMouse();
  }

  // ---- hover, mouse ----

  get hover(): Locator {
    return this.page.locator('.monaco-hover').filter({ visible: true });
  }

  async restMouse(): Promise<void> {
    await this.page.mouse.move(RESTING_MOUSE.x, RESTING_MOUSE.y);
  }

  // ---- command palette and quick input ----

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  get quickInputTitle(): Locator {
    return this.quickInput.locator('.quick-input-title');
  }

  /** The highlighted row of the quick pick (Enter accepts it). */
  get focusedQuickPickRow(): Locator {
    return this.quickInput.locator('.monaco-list-row.focused');
  }

  /** Waits until the quick input is open with a title matching `title`. */
  async waitForQuickInput(title: RegExp): Promise<void> {
    await this.quickInputTitle.filter({ hasText: title }).waitFor({ state: 'visible' });
  }

  /**
   * Types `filter` into the open quick pick, waits until the highlighted row is the one
   * whose accessible name matches `row`, and accepts it with Enter (the keyboard: a mouse
   * resting on a row opens a hover that covers the next row to click).
   */
  async pick(filter: string, row: RegExp): Promise<void> {
    await this.quickInputBox.fill(filter);
    await this.focusedQuickPickRow.and(this.page.getByRole('option', { name: row })).waitFor({ state: 'visible' });
    await this.quickInputBox.press('Enter');
  }

  /** Accepts the highlighted row as it is (to check pre-filled answers, not change them). */
  async acceptFocusedRow(expected: RegExp): Promise<void> {
    await this.focusedQuickPickRow.and(this.page.getByRole('option', { name: expected })).waitFor({ state: 'visible' });
    await this.quickInputBox.press('Enter');
  }

  async typeIntoInputBox(text: string): Promise<void> {
    await this.quickInputBox.fill(text);
    await this.quickInputBox.press('Enter');
  }

  /** F1, the command's title, Enter — as a person runs a command. */
  async runCommand(title: string): Promise<void> {
    await this.closeTransientUi();
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ state: 'visible' });
    await eventually(
      'the command palette to open',
      () => this.quickInputBox.inputValue(),
      (value) => value.startsWith('>'),
    );
    await this.pick(`>${title}`, new RegExp(`^${escapeRegExp(title)}(,|$)`));
  }

  // ---- context menu, dialogs, notifications ----

  get contextMenu(): Locator {
    return this.page.locator('.context-view .monaco-menu').filter({ visible: true });
  }

  /** A menu item by its label (its accessible name also holds the keybinding, if any). */
  contextMenuItem(label: string): Locator {
    return this.contextMenu.getByRole('menuitem').filter({ has: this.page.locator('.action-label').getByText(label, { exact: true }) });
  }

  /** The labels of the open context menu's items, without their keybindings. */
  async contextMenuLabels(): Promise<string[]> {
    return this.contextMenu.locator('[role="menuitem"] .action-label').allInnerTexts();
  }

  async openContextMenu(row: Locator): Promise<void> {
    await row.click({ button: 'right' });
    await this.contextMenu.waitFor({ state: 'visible' });
  }

  /**
   * Clicks an item of the open context menu. VS Code ignores mouse-ups on a menu item for
   * its first 100 ms (nothing in the DOM says when that ends), so wait that long after the
   * menu appeared; if a click is still swallowed (a slow machine delays that timer), the
   * menu stays open and we click again, as a person would.
   */
  async chooseContextMenuItem(label: string): Promise<void> {
    const item = this.contextMenuItem(label);
    await item.waitFor({ state: 'visible' });
    const shownAt = Date.now();
    await waitUntil('the context menu to accept clicks', () => Date.now() - shownAt >= MENU_ARMING_MS);
    for (let attempt = 1; ; attempt++) {
      await item.click();
      const closed = await this.contextMenu.waitFor({ state: 'hidden', timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      if (closed) break;
      if (attempt === 3) throw new Error(`the context menu stayed open after clicking "${label}" ${attempt} times`);
    }
    await this.restMouse();
  }

  get dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  /**
   * Waits until a notification with `text` was shown: as a toast, or else in the
   * Notifications center. VS Code shows at most 3 new toasts per 800 ms and puts the rest
   * only in the center (spam protection); a script clicking through a form in half a
   * second can hit that, a person cannot.
   */
  async expectNotification(text: string | RegExp): Promise<void> {
    const toast = this.toast(text);
    if (
      await toast.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    ) {
      return;
    }
    console.log(`      (no toast for ${String(text)}: looking in the Notifications center)`);
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.locator('.notification-list-item').filter({ hasText: text }).first().waitFor({ state: 'visible' });
    await this.runCommand('Notifications: Hide Notifications');
    await center.waitFor({ state: 'hidden' });
  }

  /**
   * Closes whatever a failed or finished step may have left open (quick input, menu,
   * dialog, Settings editor), so the next scenario starts from the plain workbench.
   */
  async closeTransientUi(): Promise<void> {
    const open = async (): Promise<Locator | undefined> => {
      for (const candidate of [this.dialog, this.contextMenu, this.quickInput, this.page.locator('.settings-editor')]) {
        if (await candidate.isVisible()) return candidate;
      }
      return undefined;
    };
    for (let i = 0; i < 6; i++) {
      const visible = await open();
      if (!visible) break;
      await this.page.keyboard.press('Escape');
      await visible.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    const left = await open();
    if (left) throw new Error(`could not close ${await left.evaluate((element: Element) => element.className)}`);
    await this.restMouse();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' });
  }

  // ---- settings ----

  /**
   * Changes a user setting in the Settings editor, as a person would, and waits until the
   * workbench has written it to the user's settings.json (then the extension host has it).
   * Typing the default value removes the entry instead: pass `isDefault` for that.
   */
  async setNumberSetting(settingsFile: string, key: string, value: number, isDefault = false): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    const editor = this.page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible' });
    await editor.locator('.suggest-input-container').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(key);
    const box = editor.locator(`input[aria-label="${key}"]`);
    await box.waitFor({ state: 'visible' });
    await box.fill(String(value));
    const written = new RegExp(`"${escapeRegExp(key)}"\\s*:\\s*${value}\\b`);
    const present = new RegExp(`"${escapeRegExp(key)}"\\s*:`);
    await waitUntil(
      `${key} = ${value} in ${path.basename(settingsFile)}`,
      () => {
        const settings = fs.readFileSync(settingsFile, 'utf8');
        return written.test(settings) || (isDefault && !present.test(settings));
      },
      15_000,
    );
    await box.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    await this.restMouse();
  }

  // ---- screenshots ----

  /** Saves a PNG of the union of `regions` (plus a margin), clamped to the viewport. */
  async screenshotOf(file: string, regions: Locator[], margin = 12): Promise<void> {
    const boxes = [];
    for (const region of regions) {
      const box = await region.boundingBox();
      if (box) boxes.push(box);
    }
    if (boxes.length === 0) throw new Error(`nothing to take a screenshot of for ${file}`);
    const viewport = this.page.viewportSize() ?? { width: 1400, height: 900 };
    const left = Math.max(0, Math.min(...boxes.map((box) => box.x)) - margin);
    const top = Math.max(0, Math.min(...boxes.map((box) => box.y)) - margin);
    const right = Math.min(viewport.width, Math.max(...boxes.map((box) => box.x + box.width)) + margin);
    const bottom = Math.min(viewport.height, Math.max(...boxes.map((box) => box.y + box.height)) + margin);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({
      path: file,
      clip: { x: left, y: top, width: right - left, height: bottom - top },
      animations: 'disabled',
      caret: 'hide',
    });
  }
}
