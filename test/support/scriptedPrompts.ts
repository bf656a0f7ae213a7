/**
 * Answers the extension's prompts from a script, the way a person would type and click,
 * and records what was asked. Used by unit tests of the send flow and by the integration
 * suite (through the extension's test-mode hook); it implements the extension's own
 * Prompts interface and does not stand in for any VS Code API.
 */
import * as assert from 'node:assert/strict';
import { BACK, type Back, type ConfirmOptions, type InputOptions, type PickOptions, type Prompts } from '../../src/ui/prompts';

export type ScriptedAnswer =
  | { pick: unknown }
  | { pickMany: unknown[] }
  | { input: string }
  | { freeText: string }
  | { confirm: boolean }
  | 'back'
  | 'dismiss'
  /** While the question is open, `meanwhile` runs (e.g. another window switches server); then `answer` is given. */
  | { meanwhile: () => Promise<unknown>; answer: ScriptedAnswer };

export interface AskedQuestion {
  kind: 'pick' | 'pickMany' | 'input' | 'confirm' | 'inform';
  title: string;
  step?: number;
  value?: string;
  active?: unknown;
  password?: boolean;
  items?: string[];
  /** What the picker shows beside each label: description, detail and icon. */
  itemInfo?: { description?: string; detail?: string; icon?: string }[];
  message?: string;
  detail?: string;
  /** Validation messages shown for refused input, in order. */
  refused?: string[];
  /** For picks: each listed item's caution (its description when drawn with the warning icon). */
  warnings?: Record<string, string>;
  /** For picks: filtered on labels only. */
  labelOnly?: boolean;
  /** For a typed (free text) answer: the row the picker showed for it. */
  freeTextRow?: { label: string; warning?: string };
}

export class ScriptedPrompts implements Prompts {
  readonly asked: AskedQuestion[] = [];
  private readonly answers: ScriptedAnswer[];

  constructor(answers: ScriptedAnswer[]) {
    this.answers = [...answers];
  }

  get remaining(): number {
    return this.answers.length;
  }

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const warned = options.items.filter((i) => i.icon === 'warning' && i.description);
    const question: AskedQuestion = {
      kind: 'pick',
      title: options.title,
      step: options.step,
      active: options.activeValue,
      items: options.items.map((i) => i.label),
      itemInfo: options.items.map(({ description, detail, icon }) => ({ description, detail, icon })),
      labelOnly: options.labelOnly,
    };
    if (warned.length > 0) {
      question.warnings = Object.fromEntries(warned.map((i) => [i.label, i.description!]));
    }
    this.asked.push(question);
    const answer = await this.next();
    if (answer === 'back') return BACK;
    if (answer === 'dismiss') return undefined;
    if ('freeText' in answer) {
      assert.ok(options.freeText, 'this picker does not accept free text');
      const problem = options.freeText.validate(answer.freeText);
      assert.equal(problem, undefined, `free text refused: ${problem}`);
      question.freeTextRow = { label: options.freeText.describe(answer.freeText), warning: options.freeText.warning?.(answer.freeText) };
      return options.freeText.toValue(answer.freeText);
    }
    assert.ok('pick' in answer, `expected a pick answer for "${options.title}", script has ${JSON.stringify(answer)}`);
    return findValue(options, answer.pick);
  }

  async pickMany<T>(options: PickOptions<T>): Promise<T[] | undefined> {
    this.asked.push({ kind: 'pickMany', title: options.title, items: options.items.map((i) => i.label) });
    const answer = await this.next();
    if (answer === 'dismiss' || answer === 'back') return undefined;
    assert.ok('pickMany' in answer, `expected a pickMany answer for "${options.title}"`);
    return answer.pickMany.map((wanted) => findValue(options, wanted));
  }

  /** Like the input box: a refused answer shows its problem and the next answer is typed instead. */
  async input(options: InputOptions): Promise<string | Back | undefined> {
    const question: AskedQuestion = {
      kind: 'input',
      title: options.title,
      step: options.step,
      value: options.value,
      password: options.password,
      refused: [],
    };
    this.asked.push(question);
    for (;;) {
      const answer = await this.next();
      if (answer === 'back') return BACK;
      if (answer === 'dismiss') return undefined;
      assert.ok('input' in answer, `expected an input answer for "${options.title}", script has ${JSON.stringify(answer)}`);
      const problem = options.validate?.(answer.input);
      if (problem === undefined) {
        return answer.input;
      }
      question.refused!.push(problem);
    }
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.asked.push({ kind: 'confirm', title: options.confirmLabel, message: options.message, detail: options.detail });
    const answer = await this.next();
    if (answer === 'dismiss') return false;
    assert.ok(typeof answer === 'object' && 'confirm' in answer, `expected a confirm answer for "${options.message}"`);
    return answer.confirm;
  }

  async inform(options: { message: string; detail: string }): Promise<void> {
    this.asked.push({ kind: 'inform', title: options.message, message: options.message, detail: options.detail });
    const answer = await this.next();
    assert.ok(
      answer === 'dismiss' || (typeof answer === 'object' && 'confirm' in answer),
      `expected the message to be closed ('dismiss') for "${options.message}"`,
    );
  }

  private async next(): Promise<Exclude<ScriptedAnswer, { meanwhile: unknown }>> {
    const answer = this.answers.shift();
    assert.ok(answer, `the extension asked more questions than scripted (last: ${JSON.stringify(this.asked.at(-1))})`);
    if (typeof answer === 'object' && 'meanwhile' in answer) {
      await answer.meanwhile();
      this.answers.unshift(answer.answer);
      return this.next();
    }
    return answer;
  }
}

/**
 * Finds the item whose value matches: equal JSON, or for object values (messages, tree
 * nodes) an object containing the wanted fields, recursively.
 */
function findValue<T>(options: PickOptions<T>, wanted: unknown): T {
  const item = options.items.find((candidate) => matches(candidate.value, wanted));
  assert.ok(item, `no item ${JSON.stringify(wanted)} among: ${options.items.map((i) => i.label).join(', ')}`);
  return item.value;
}

function matches(value: unknown, wanted: unknown): boolean {
  if (typeof wanted !== 'object' || wanted === null || typeof value !== 'object' || value === null) {
    return JSON.stringify(value) === JSON.stringify(wanted);
  }
  return Object.entries(wanted).every(([key, expected]) => matches((value as Record<string, unknown>)[key], expected));
}
