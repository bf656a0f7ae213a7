import * as assert from 'node:assert/strict';
import { checkedPrompts, typedChoice, type PickOptions } from '../../src/ui/prompts';
import { MESSAGE_TYPE_ITEMS } from '../../src/ui/sendChoices';
import { ScriptedPrompts } from '../support/scriptedPrompts';

const types: PickOptions<string> = { title: 'type', placeholder: '', items: MESSAGE_TYPE_ITEMS };
const scrapers: PickOptions<string> = {
  title: 'scraper',
  placeholder: '',
  items: [
    { label: 'news-crawler', value: 'news-crawler' },
    { label: 'acme-prices', value: 'acme-prices' },
  ],
  freeText: {
    validate: (text) => (text.trim().length > 5 ? 'too long' : undefined),
    toValue: (text) => text.trim(),
    describe: (text) => text,
  },
};

describe('What Enter takes from the typed text', () => {
  it('takes the item whose label is exactly the text, even where free text is allowed', () => {
    assert.deepEqual(typedChoice(types, 'START'), { value: 'START' });
    assert.deepEqual(typedChoice({ ...scrapers, freeText: undefined }, ' acme-prices '), { value: 'acme-prices' });
    const cased: PickOptions<number> = {
      title: '',
      placeholder: '',
      items: [
        { label: 'Acme', value: 1 },
        { label: 'acme', value: 2 },
      ],
    };
    assert.deepEqual(typedChoice(cased, 'acme'), { value: 2 });
  });

  it('takes the typed text itself where free text is allowed, though a listed label contains it', () => {
    assert.deepEqual(typedChoice(scrapers, 'news'), { value: 'news' });
  });

  it('refuses invalid free text instead of taking the highlighted item', () => {
    assert.deepEqual(typedChoice(scrapers, 'much-too-long'), { problem: 'too long' });
  });

  it('matches a label ignoring case where no free text is allowed', () => {
    assert.deepEqual(typedChoice(types, 'start'), { value: 'START' });
  });

  it('leaves the highlighted item to decide for an empty or partial text', () => {
    assert.equal(typedChoice(types, ''), undefined);
    assert.equal(typedChoice(types, 'STA'), undefined);
  });
});

describe('Prompts that stop when their premise no longer holds', () => {
  it('checks before asking and after the answer, and the throw reaches the caller', async () => {
    let valid = true;
    let checks = 0;
    const inner = new ScriptedPrompts([{ input: 'first' }, { meanwhile: async () => (valid = false), answer: { input: 'second' } }]);
    const prompts = checkedPrompts(inner, () => {
      checks++;
      if (!valid) throw new Error('changed');
    });
    assert.equal(await prompts.input({ title: 'a', prompt: 'a' }), 'first');
    assert.equal(checks, 2);
    await assert.rejects(prompts.input({ title: 'b', prompt: 'b' }), /changed/);
    assert.equal(inner.remaining, 0, 'the second question was asked and answered before the check refused it');
  });
});
