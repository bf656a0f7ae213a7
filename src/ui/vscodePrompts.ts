/**
 * Prompts implemented with VS Code's QuickPick / InputBox (so multi-step flows get a
 * Back button and keep focus-out from losing what was typed) and modal messages.
 */
import * as vscode from 'vscode';
import { BACK, typedChoice, type Back, type ConfirmOptions, type InputOptions, type PickOptions, type Prompts } from './prompts';
import { freeTextItems, toQuickPickItem, valueOf, type Item } from './quickPickRows';

/** How soon after a keystroke the highlight moves because the list was filtered. */
const FILTER_SETTLE_MS = 250;

/** Told of every quick input shown; the integration suite uses it to type as a user would. */
export type QuickInputObserver = (input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox) => void;

export class VsCodePrompts implements Prompts {
  constructor(private readonly observer?: QuickInputObserver) {}

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const result = await this.showPick(options, false);
    return result === BACK || result === undefined ? result : result[0];
  }

  async pickMany<T>(options: PickOptions<T>): Promise<T[] | undefined> {
    const result = await this.showPick(options, true);
    return result === BACK ? undefined : result;
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    applyStep(box, options);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    this.observer?.(box);
    const validate = () => (box.validationMessage = box.value === '' ? undefined : options.validate?.(box.value));
    return runQuickInput<string | Back | undefined>(box, (finish) => [
      box.onDidChangeValue(validate),
      box.onDidAccept(() => {
        const problem = options.validate?.(box.value);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        finish(box.value);
      }),
    ]);
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(options.message, { modal: true, detail: options.detail }, options.confirmLabel);
    return answer === options.confirmLabel;
  }

  async inform(options: { message: string; detail: string }): Promise<void> {
    await vscode.window.showInformationMessage(options.message, { modal: true, detail: options.detail });
  }

  private showPick<T>(options: PickOptions<T>, canPickMany: boolean): Promise<T[] | Back | undefined> {
    const pick = vscode.window.createQuickPick<Item<T>>();
    applyStep(pick, options);
    pick.placeholder = options.placeholder;
    pick.canSelectMany = canPickMany;
    pick.matchOnDescription = !options.labelOnly;
    pick.matchOnDetail = !options.labelOnly;
    pick.ignoreFocusOut = true;
    const listed: Item<T>[] = options.items.map(toQuickPickItem);
    const renderItems = () => {
      pick.items = [...freeTextItems(options, pick.value, listed), ...listed];
    };
    renderItems();
    const active = listed.find((item) => options.activeValue !== undefined && item.value === options.activeValue);
    if (active) {
      pick.activeItems = [active];
    }
    this.observer?.(pick);
    // Filtering moves the highlight right after each keystroke; a move later than that is
    // the user's own (arrow keys, mouse), and then the highlighted row is what they chose.
    let valueChangedAt = 0;
    let movedByUser = false;
    return runQuickInput<T[] | Back | undefined>(pick, (finish) => [
      pick.onDidChangeValue(() => {
        valueChangedAt = Date.now();
        movedByUser = false;
        if (options.freeText) renderItems();
      }),
      pick.onDidChangeActive(() => {
        movedByUser ||= valueChangedAt > 0 && Date.now() - valueChangedAt > FILTER_SETTLE_MS;
      }),
      pick.onDidAccept(() => {
        // The highlighted item may still be one the list matched before the text was complete.
        const typed = canPickMany || movedByUser ? undefined : typedChoice(options, pick.value);
        if (typed) {
          if ('value' in typed) finish([typed.value]);
          return; // Invalid free text: its row says why; keep the picker open.
        }
        const chosen = canPickMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
        const values = chosen.flatMap((item) => valueOf(item, options));
        if (!canPickMany && values.length === 0) {
          return; // An explanatory (invalid free text) row: keep the picker open.
        }
        finish(values);
      }),
    ]);
  }
}

type QuickInputWithButtons = vscode.QuickInput & {
  buttons: readonly vscode.QuickInputButton[];
  onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
};

/**
 * Shows `input` and settles once: with what `listen`'s handlers pass to `finish`, with
 * BACK when the Back button is pressed, or undefined when it is hidden (Escape, focus
 * moved elsewhere is ignored thanks to ignoreFocusOut). Disposes everything after.
 */
function runQuickInput<R>(
  input: QuickInputWithButtons,
  listen: (finish: (value: R) => void) => vscode.Disposable[],
): Promise<R | Back | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: R | Back | undefined) => {
      if (done) return;
      done = true;
      subscriptions.forEach((subscription) => {
        subscription.dispose();
      });
      input.dispose();
      resolve(value);
    };
    const subscriptions = [
      ...listen(finish),
      input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK)),
      input.onDidHide(() => finish(undefined)),
    ];
    input.show();
  });
}

function applyStep(input: QuickInputWithButtons, step: PickOptions<unknown> | InputOptions) {
  input.title = step.title;
  input.step = step.step;
  input.totalSteps = step.totalSteps;
  input.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}
