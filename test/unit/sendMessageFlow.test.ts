import * as assert from 'node:assert/strict';
import type { SendDraft } from '../../src/model/sendDraft';
import { BACK, type Back, type ConfirmOptions, type InputOptions, type PickOptions, type Prompts } from '../../src/ui/prompts';
import { runSendMessageFlow } from '../../src/ui/sendMessageFlow';

type Answer = { pick: unknown } | { input: string } | { freeText: string } | 'back' | 'dismiss';

/** Answers each prompt from a script, recording what was asked, like a person typing. */
class ScriptedPrompts implements Prompts {
  readonly asked: Array<{ title: string; step?: number; value?: string; active?: unknown }> = [];
  constructor(private readonly answers: Answer[]) {}

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    this.asked.push({ title: options.title, step: options.step, active: options.activeValue });
    const answer = this.next();
    if (answer === 'back') return BACK;
    if (answer === 'dismiss') return undefined;
    if ('freeText' in answer) {
      assert.ok(options.freeText, 'free text allowed');
      const problem = options.freeText.validate(answer.freeText);
      assert.equal(problem, undefined, `free text refused: ${problem}`);
      return options.freeText.toValue(answer.freeText);
    }
    assert.ok('pick' in answer, 'expected a pick answer');
    const item = options.items.find((candidate) => JSON.stringify(candidate.value) === JSON.stringify(answer.pick));
    assert.ok(item, `no item ${JSON.stringify(answer.pick)} in ${options.items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  async pickMany<T>(): Promise<T[] | undefined> {
    throw new Error('not used');
  }

  async input(options: InputOptions): Promise<string | Back | undefined> {
    this.asked.push({ title: options.title, step: options.step, value: options.value });
    const answer = this.next();
    if (answer === 'back') return BACK;
    if (answer === 'dismiss') return undefined;
    assert.ok('input' in answer);
    const problem = options.validate?.(answer.input);
    assert.equal(problem, undefined, `input refused: ${problem}`);
    return answer.input;
  }

  async confirm(_options: ConfirmOptions): Promise<boolean> {
    throw new Error('not used');
  }

  private next(): Answer {
    const answer = this.answers.shift();
    assert.ok(answer, 'the flow asked more questions than scripted');
    return answer;
  }
}

const context = { scraperSuggestions: ['acme-prices', 'news-crawler'], now: () => Date.parse('2026-11-29T12:00:00Z') };

describe('Send Message flow', () => {
  it('walks scraper → type → text → expiry', async () => {
    const prompts = new ScriptedPrompts([{ pick: 'acme-prices' }, { pick: 'KILL_REQUEST' }, { input: 'stop: maintenance' }, { pick: { kind: 'relative', minutes: 60 } }]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), true);
    assert.deepEqual(draft, { scraperName: 'acme-prices', messageType: 'KILL_REQUEST', text: 'stop: maintenance', expiry: { kind: 'relative', minutes: 60 } });
    assert.deepEqual(prompts.asked.map((a) => a.step), [1, 2, 3, 4]);
  });

  it('accepts a typed scraper name that is not suggested', async () => {
    const prompts = new ScriptedPrompts([{ freeText: ' brand-new ' }, { pick: 'START' }, { input: '' }, { pick: { kind: 'none' } }]);
    const draft: SendDraft = {};
    await runSendMessageFlow(prompts, draft, context);
    assert.equal(draft.scraperName, 'brand-new');
  });

  it('keeps what was typed when going back, and offers it again', async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' }, { pick: 'START' }, { input: 'first text' },
      'back', // from expiry to text
      'back', // from text to type
      { pick: 'KILL_REQUEST' }, { input: 'second text' }, { pick: { kind: 'none' } },
    ]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), true);
    assert.equal(draft.messageType, 'KILL_REQUEST');
    assert.equal(draft.text, 'second text');
    const textSteps = prompts.asked.filter((a) => a.step === 3);
    assert.deepEqual(textSteps.map((a) => a.value), ['', 'first text', 'first text']);
    const typeSteps = prompts.asked.filter((a) => a.step === 2);
    assert.deepEqual(typeSteps.map((a) => a.active), [undefined, 'START']);
  });

  it('asks for a custom ISO date, and Back from it returns to the expiry choice', async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' }, { pick: 'START' }, { input: '' }, { pick: 'custom' }, 'back', { pick: 'custom' }, { input: '2026-11-30T08:00:00Z' },
    ]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), true);
    assert.deepEqual(draft.expiry, { kind: 'custom', iso: '2026-11-30T08:00:00Z' });
  });

  it('starts at the type step when the scraper is already chosen, and Back still reaches it', async () => {
    const prompts = new ScriptedPrompts(['back', { pick: 'news-crawler' }, { pick: 'START' }, { input: '' }, { pick: { kind: 'none' } }]);
    const draft: SendDraft = { scraperName: 'acme-prices' };
    await runSendMessageFlow(prompts, draft, context, 'type');
    assert.equal(prompts.asked[0].step, 2);
    assert.equal(prompts.asked[1].active, 'acme-prices');
    assert.equal(draft.scraperName, 'news-crawler');
  });

  it('returns false when dismissed, leaving what was typed in the draft', async () => {
    const prompts = new ScriptedPrompts([{ pick: 'acme-prices' }, { pick: 'START' }, { input: 'half done' }, 'dismiss']);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), false);
    assert.deepEqual(draft, { scraperName: 'acme-prices', messageType: 'START', text: 'half done' });
  });

  it('refuses a past custom expiry at the prompt', async () => {
    const prompts = new ScriptedPrompts([{ pick: 'a' }, { pick: 'START' }, { input: '' }, { pick: 'custom' }, { input: '2020-01-01T00:00:00Z' }]);
    await assert.rejects(runSendMessageFlow(prompts, {}, { ...context, scraperSuggestions: ['a'] }), /future/);
  });
});
