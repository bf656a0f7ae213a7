/**
 * Everything the extension asks the user, behind one interface. The real implementation
 * (vscodePrompts.ts) uses VS Code's quick input and modal dialogs; flows such as
 * Send Message are written against this interface so their logic is testable and the
 * integration suite can answer questions that a person would answer by typing.
 */

/**
 * Returned when the user pressed the Back button of a multi-step flow. A registered symbol,
 * so the integration suite's scripted prompts (compiled apart from the bundle) return the same one.
 */
export const BACK: unique symbol = Symbol.for('scrapehub.prompts.back');
export type Back = typeof BACK;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  /** A codicon id, e.g. 'stop-circle'; drawn as an icon, not read out as text. */
  icon?: string;
  value: T;
}

export interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Shows a Back button; pressing it resolves to BACK. */
  canGoBack?: boolean;
}

export interface PickOptions<T> extends StepInfo {
  placeholder: string;
  items: PickItem<T>[];
  /** The item to highlight initially (e.g. what the user chose before going back). */
  activeValue?: T;
  /**
   * Filter on labels only: typing START must not match another item's description or
   * detail (where "start" may appear) and leave that item highlighted.
   */
  labelOnly?: boolean;
  /** Lets the user type a value that is not in the list. */
  freeText?: {
    validate(text: string): string | undefined;
    toValue(text: string): T;
    describe(text: string): string;
    /** A caution shown on the typed value's row; it can still be chosen. */
    warning?(text: string): string | undefined;
  };
}

export interface InputOptions extends StepInfo {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  validate?(text: string): string | undefined;
}

export interface ConfirmOptions {
  message: string;
  detail?: string;
  confirmLabel: string;
}

export interface Prompts {
  /** Resolves to the chosen value, BACK, or undefined when dismissed. */
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined>;
  pickMany<T>(options: PickOptions<T>): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** A modal confirmation; true only when the user chose `confirmLabel`. */
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** A modal message with details to read; resolves when it is closed. */
  inform(options: { message: string; detail: string }): Promise<void>;
}

/** What Enter means for the text in a picker's box, or undefined for "the highlighted item". */
export type TypedChoice<T> = { value: T } | { problem: string };

/**
 * Decides a single pick from the typed text alone, so typing or pasting and pressing Enter
 * at once works even before the list has caught up with the text: an item whose label is
 * exactly the text wins; else, where free text is allowed, the text itself; else an item
 * whose label equals it ignoring case. Otherwise the highlighted item counts.
 */
export function typedChoice<T>(options: PickOptions<T>, typed: string): TypedChoice<T> | undefined {
  const text = typed.trim();
  if (text === '') {
    return undefined;
  }
  const exact = options.items.find((item) => item.label === text);
  if (exact) {
    return { value: exact.value };
  }
  if (options.freeText) {
    const problem = options.freeText.validate(text);
    return problem ? { problem } : { value: options.freeText.toValue(text) };
  }
  const folded = options.items.filter((item) => item.label.toLowerCase() === text.toLowerCase());
  return folded.length === 1 ? { value: folded[0].value } : undefined;
}

/**
 * `prompts` with `check` run before each question and after each answer; `check` throws
 * to stop a flow whose premise (e.g. the server it was started for) no longer holds.
 */
export function checkedPrompts(prompts: Prompts, check: () => void): Prompts {
  const around = async <R>(ask: () => Promise<R>): Promise<R> => {
    check();
    const answer = await ask();
    check();
    return answer;
  };
  return {
    pick: (options) => around(() => prompts.pick(options)),
    pickMany: (options) => around(() => prompts.pickMany(options)),
    input: (options) => around(() => prompts.input(options)),
    confirm: (options) => around(() => prompts.confirm(options)),
    inform: (options) => around(() => prompts.inform(options)),
  };
}
