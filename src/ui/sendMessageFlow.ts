/**
 * The guided Send Message input: scraper → type → text → expiry (→ custom date). Back
 * goes one step back and every step starts from what was entered before, so nothing
 * typed is lost. Written against `Prompts` only (no `vscode` import), so the step logic
 * is unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';
import type { KnownMessageType } from '../api/types';
import { EXPIRY_PRESETS, validateCustomExpiry, validateScraperName, type ExpiryChoice, type SendDraft } from '../model/sendDraft';
import { BACK, type PickItem, type Prompts } from './prompts';

export interface SendFlowContext {
  /** Scrapers to offer first (the user's assignments and scrapers with pending messages). */
  scraperSuggestions: string[];
  /**
   * Why sending to this scraper will probably be refused (the user is not assigned to
   * it), or undefined. Shown on the row; the user may still choose it.
   */
  scraperWarning?: (scraperName: string) => string | undefined;
  now: () => number;
  /** Shown instead of "Send Message" in every step's title (e.g. "Send Again"). */
  title?: string;
  /** The server the message is for, named in every step's title. */
  server?: string;
  /** Expiry choices offered above the usual ones (e.g. "same as the acknowledged message"). */
  extraExpiryChoices?: PickItem<ExpiryChoice>[];
  /** Placeholder of the expiry step, when something about the expiry needs saying. */
  expiryPlaceholder?: string;
}

const TOTAL_STEPS = 4;
/** The flow's title unless the caller names it ("Send Again"). */
const defaultTitle = (): string => l10n.t('Send Message');

/** A step's title: `build` gets the flow's name; the server is appended when known. */
function titleOf(context: SendFlowContext, build: (flow: string) => string = (flow) => flow): string {
  const title = build(context.title ?? defaultTitle());
  return context.server ? l10n.t('{0} · {1}', title, context.server) : title;
}

// Texts are getters: looked up when shown, in the display language, not at load time.
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

export type SendStep = 'scraper' | 'type' | 'text' | 'expiry' | 'customExpiry';
type Step = SendStep;
const ORDER: Step[] = ['scraper', 'type', 'text', 'expiry'];

/**
 * Runs the flow, filling `draft` in place (so a dismissed flow still leaves what was typed
 * in it). Resolves to true when every step was answered, false when dismissed.
 * `startAt` skips steps already decided (e.g. the scraper when started from a scraper
 * node); Back can still reach them.
 */
export async function runSendMessageFlow(
  prompts: Prompts,
  draft: SendDraft,
  context: SendFlowContext,
  startAt: SendStep = 'scraper',
): Promise<boolean> {
  let step: Step = startAt;
  for (;;) {
    const result = await runStep(prompts, step, draft, context);
    if (result === undefined) {
      return false;
    }
    if (result === BACK) {
      step = step === 'customExpiry' ? 'expiry' : ORDER[Math.max(0, ORDER.indexOf(step) - 1)];
      continue;
    }
    if (result === 'done') {
      return true;
    }
    step = result;
  }
}

type StepResult = Step | 'done' | typeof BACK | undefined;

async function runStep(prompts: Prompts, step: Step, draft: SendDraft, context: SendFlowContext): Promise<StepResult> {
  switch (step) {
    case 'scraper': {
      const answer = await prompts.pick<string>({
        title: titleOf(context),
        step: 1,
        totalSteps: TOTAL_STEPS,
        placeholder: l10n.t('Scraper to send to (pick one or type a name)'),
        items: scraperItems(context, draft.scraperName),
        activeValue: draft.scraperName,
        labelOnly: true,
        freeText: {
          validate: validateScraperName,
          toValue: (text) => text.trim(),
          describe: (text) => l10n.t('Send to "{0}"', text.trim()),
          warning: (text) => context.scraperWarning?.(text.trim()),
        },
      });
      return assign(answer, (value) => (draft.scraperName = value), 'type');
    }
    case 'type': {
      const answer = await prompts.pick<KnownMessageType>({
        title: titleOf(context, (flow) => l10n.t('{0} to {1}', flow, draft.scraperName ?? '')),
        step: 2,
        totalSteps: TOTAL_STEPS,
        canGoBack: true,
        placeholder: l10n.t('Message type'),
        items: MESSAGE_TYPE_ITEMS,
        activeValue: draft.messageType,
        labelOnly: true,
      });
      return assign(answer, (value) => (draft.messageType = value), 'text');
    }
    case 'text': {
      const answer = await prompts.input({
        title: titleOf(context, (flow) => l10n.t('{0}: {1} to {2}', flow, draft.messageType ?? '', draft.scraperName ?? '')),
        step: 3,
        totalSteps: TOTAL_STEPS,
        canGoBack: true,
        prompt: l10n.t('Message text for the scraper (optional). Press Enter to continue.'),
        placeholder: l10n.t('e.g. stop: site maintenance'),
        value: draft.text ?? '',
      });
      return assign(answer, (value) => (draft.text = value), 'expiry');
    }
    case 'expiry': {
      const extra = context.extraExpiryChoices ?? [];
      const answer = await prompts.pick<ExpiryChoice | 'custom'>({
        title: titleOf(context, (flow) => l10n.t('{0}: {1} to {2}', flow, draft.messageType ?? '', draft.scraperName ?? '')),
        step: 4,
        totalSteps: TOTAL_STEPS,
        canGoBack: true,
        placeholder: context.expiryPlaceholder ?? l10n.t('When should the message expire if the scraper has not read it?'),
        items: [
          ...extra,
          ...EXPIRY_PRESETS.map((preset) => ({ label: preset.label, value: preset.choice })),
          { label: l10n.t('Custom date and time…'), description: 'ISO 8601', value: 'custom' },
        ],
        activeValue: activeExpiry(draft.expiry, extra),
      });
      if (answer === 'custom') {
        return 'customExpiry';
      }
      return assign(answer, (value) => (draft.expiry = value), 'done');
    }
    case 'customExpiry': {
      const answer = await prompts.input({
        title: titleOf(context, (flow) => l10n.t('{0}: custom expiry', flow)),
        step: 4,
        totalSteps: TOTAL_STEPS,
        canGoBack: true,
        prompt: l10n.t('Expiry as ISO 8601 date-time with time zone (must be in the future)'),
        placeholder: new Date(context.now() + 3_600_000).toISOString(),
        value: draft.expiry?.kind === 'custom' ? draft.expiry.iso : '',
        validate: (text) => validateCustomExpiry(text, context.now()),
      });
      return assign(answer, (iso) => (draft.expiry = { kind: 'custom', iso: iso.trim() }), 'done');
    }
  }
}

function assign<T>(answer: T | typeof BACK | undefined, store: (value: T) => void, next: Step | 'done'): StepResult {
  if (answer === undefined || answer === BACK) {
    return answer as undefined | typeof BACK;
  }
  store(answer);
  return next;
}

function scraperItems(context: SendFlowContext, current: string | undefined): PickItem<string>[] {
  const suggestions = context.scraperSuggestions;
  const names = [...new Set(current ? [current, ...suggestions] : suggestions)];
  return names.map((name) => {
    const warning = context.scraperWarning?.(name);
    return warning ? { label: name, value: name, icon: 'warning', description: warning } : { label: name, value: name };
  });
}

/** The item value equal to the draft's choice, so the picker can highlight it. */
function activeExpiry(choice: ExpiryChoice | undefined, extra: PickItem<ExpiryChoice>[]): ExpiryChoice | 'custom' | undefined {
  if (!choice) {
    return undefined;
  }
  const same = (value: ExpiryChoice) => JSON.stringify(value) === JSON.stringify(choice);
  const found = extra.find((item) => same(item.value))?.value ?? EXPIRY_PRESETS.find((preset) => same(preset.choice))?.choice;
  return found ?? (choice.kind === 'custom' ? 'custom' : undefined);
}
