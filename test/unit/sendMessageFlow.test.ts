import * as assert from 'node:assert/strict';
import type { SendDraft } from '../../src/model/sendDraft';
import { runSendMessageFlow } from '../../src/ui/sendMessageFlow';
import { ScriptedPrompts } from '../support/scriptedPrompts';

const context = { scraperSuggestions: ['acme-prices', 'news-crawler'], now: () => Date.parse('2026-11-29T12:00:00Z') };

describe('Send Message flow', () => {
  it('walks scraper → type → text → expiry', async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' },
      { pick: 'KILL_REQUEST' },
      { input: 'stop: maintenance' },
      { pick: { kind: 'relative', minutes: 60 } },
    ]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), true);
    assert.deepEqual(draft, {
      scraperName: 'acme-prices',
      messageType: 'KILL_REQUEST',
      text: 'stop: maintenance',
      expiry: { kind: 'relative', minutes: 60 },
    });
    assert.deepEqual(
      prompts.asked.map((a) => a.step),
      [1, 2, 3, 4],
    );
  });

  it('accepts a typed scraper name that is not suggested', async () => {
    const prompts = new ScriptedPrompts([{ freeText: ' brand-new ' }, { pick: 'START' }, { input: '' }, { pick: { kind: 'none' } }]);
    const draft: SendDraft = {};
    await runSendMessageFlow(prompts, draft, context);
    assert.equal(draft.scraperName, 'brand-new');
  });

  it('keeps what was typed when going back, and offers it again', async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' },
      { pick: 'START' },
      { input: 'first text' },
      'back', // from expiry to text
      'back', // from text to type
      { pick: 'KILL_REQUEST' },
      { input: 'second text' },
      { pick: { kind: 'none' } },
    ]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, context), true);
    assert.equal(draft.messageType, 'KILL_REQUEST');
    assert.equal(draft.text, 'second text');
    const textSteps = prompts.asked.filter((a) => a.step === 3);
    assert.deepEqual(
      textSteps.map((a) => a.value),
      ['', 'first text', 'first text'],
    );
    const typeSteps = prompts.asked.filter((a) => a.step === 2);
    assert.deepEqual(
      typeSteps.map((a) => a.active),
      [undefined, 'START'],
    );
  });

  it('asks for a custom ISO date, and Back from it returns to the expiry choice', async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' },
      { pick: 'START' },
      { input: '' },
      { pick: 'custom' },
      'back',
      { pick: 'custom' },
      { input: '2026-11-30T08:00:00Z' },
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
    const prompts = new ScriptedPrompts([
      { pick: 'a' },
      { pick: 'START' },
      { input: '' },
      { pick: 'custom' },
      { input: '2020-01-01T00:00:00Z' },
    ]);
    await assert.rejects(runSendMessageFlow(prompts, {}, { ...context, scraperSuggestions: ['a'] }), /future/);
  });
});

describe('Send Message flow: scrapers the user may not message', () => {
  const warning = 'You are not assigned to this scraper; the server will probably refuse.';
  const guarded = {
    ...context,
    scraperWarning: (name: string) => (name === 'acme-prices' || name === 'news-crawler' ? undefined : warning),
  };

  it('warns on a typed scraper the user is not assigned to, and still sends to it', async () => {
    const prompts = new ScriptedPrompts([{ freeText: 'internal-audit' }, { pick: 'START' }, { input: '' }, { pick: { kind: 'none' } }]);
    const draft: SendDraft = {};
    assert.equal(await runSendMessageFlow(prompts, draft, guarded), true);
    assert.equal(draft.scraperName, 'internal-audit');
    assert.deepEqual(prompts.asked[0].freeTextRow, { label: 'Send to "internal-audit"', warning });
  });

  it('warns on a pre-filled scraper the user is not assigned to', async () => {
    const prompts = new ScriptedPrompts(['dismiss']);
    await runSendMessageFlow(prompts, { scraperName: 'internal-audit' }, guarded);
    assert.deepEqual(prompts.asked[0].items, ['internal-audit', 'acme-prices', 'news-crawler']);
    assert.deepEqual(prompts.asked[0].warnings, { 'internal-audit': warning });
  });
});

describe('Send Message flow with extra expiry choices (Send Again)', () => {
  it("offers the extra choices first, highlights the draft's, and uses the given title", async () => {
    const same = { kind: 'custom', iso: '2026-11-29T12:40:00.000Z' } as const;
    const duration = { kind: 'relative', minutes: 90 } as const;
    const prompts = new ScriptedPrompts([{ input: 'again' }, { pick: same }]);
    const draft: SendDraft = { scraperName: 'acme-prices', messageType: 'START', text: 'again', expiry: same };
    const extraExpiryChoices = [
      { label: 'Same as before', value: same },
      { label: 'Same duration', value: duration },
    ];
    assert.equal(await runSendMessageFlow(prompts, draft, { ...context, title: 'Send Again', extraExpiryChoices }, 'text'), true);
    const expiryStep = prompts.asked[1];
    assert.deepEqual(expiryStep.items!.slice(0, 3), ['Same as before', 'Same duration', 'Never']);
    assert.equal(expiryStep.active, same, 'the very item value, so the real picker highlights it');
    assert.match(expiryStep.title, /^Send Again: START to acme-prices$/);
    assert.deepEqual(draft.expiry, same);
  });
});

describe('Send Message flow for a named server', () => {
  it("names the server in every step's title and filters the scraper and type steps on labels only", async () => {
    const prompts = new ScriptedPrompts([
      { pick: 'acme-prices' },
      { pick: 'START' },
      { input: '' },
      { pick: 'custom' },
      { input: '2026-11-30T08:00:00Z' },
    ]);
    assert.equal(await runSendMessageFlow(prompts, {}, { ...context, server: 'prod' }), true);
    assert.deepEqual(
      prompts.asked.map((a) => a.title),
      [
        'Send Message · prod',
        'Send Message to acme-prices · prod',
        'Send Message: START to acme-prices · prod',
        'Send Message: START to acme-prices · prod',
        'Send Message: custom expiry · prod',
      ],
    );
    assert.deepEqual(
      prompts.asked.filter((a) => a.kind === 'pick').map((a) => a.labelOnly),
      [true, true, undefined],
    );
  });
});
