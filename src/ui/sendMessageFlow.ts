/**
 * The guided Send Message input: scraper → type → text → expiry (→ custom date). Back
 * goes one step back and every step starts from what was entered before, so nothing
 * typed is lost. Written against `Prompts` only (no `vscode` import), so the step logic
 * is unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';
import type { KnownMessageType } from '../api/types';
import { validateCustomExpiry, validateScraperName, type ExpiryChoice, type SendDraft } from '../model/sendDraft';
import { BACK, type PickItem, type Prompts } from './prompts';
import { MESSAGE_TYPE_ITEMS, activeExpiry, expiryItems, scraperItems } from './sendChoices';

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
    const result = await STEPS[step](prompts, draft, context);
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

/** Each step asks its question, keeps the answer in the draft and names the next step. */
const STEPS: Record<Step, (prompts: Prompts, draft: SendDraft, context: SendFlowContext) => Promise<StepResult>> = {
  scraper: async (prompts, draft, context) => {
    const answer = await prompts.pick<string>({
      title: titleOf(context),
      step: 1,
      totalSteps: TOTAL_STEPS,
      placeholder: l10n.t('Scraper to send to (pick one or type a name)'),
      items: scraperItems(context.scraperSuggestions, draft.scraperName, context.scraperWarning),
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
  },
  type: async (prompts, draft, context) => {
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
  },
  text: async (prompts, draft, context) => {
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
  },
  expiry: async (prompts, draft, context) => {
    const extra = context.extraExpiryChoices ?? [];
    const answer = await prompts.pick<ExpiryChoice | 'custom'>({
      title: titleOf(context, (flow) => l10n.t('{0}: {1} to {2}', flow, draft.messageType ?? '', draft.scraperName ?? '')),
      step: 4,
      totalSteps: TOTAL_STEPS,
      canGoBack: true,
      placeholder: context.expiryPlaceholder ?? l10n.t('When should the message expire if the scraper has not read it?'),
      items: expiryItems(extra),
      activeValue: activeExpiry(draft.expiry, extra),
    });
    if (answer === 'custom') {
      return 'customExpiry';
    }
    return assign(answer, (value) => (draft.expiry = value), 'done');
  },
  customExpiry: async (prompts, draft, context) => {
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
  },
};

function assign<T>(answer: T | typeof BACK | undefined, store: (value: T) => void, next: Step | 'done'): StepResult {
  if (answer === undefined || answer === BACK) {
    return answer as undefined | typeof BACK;
  }
  store(answer);
  return next;
}
