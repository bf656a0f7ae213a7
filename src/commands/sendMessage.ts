/**
 * "Send Message…": guided input for the server active when it starts, a modal confirmation
 * for KILL_REQUEST, one POST to that same server (never repeated automatically), then
 * refresh and reveal the new message. If the server changes meanwhile (here or in another
 * window) the flow stops, keeps the draft and may start over for the new server.
 */
import * as vscode from 'vscode';
import type { SendMessageRequest } from '../api/types';
import { mayMessage, scraperAccess, scraperChoices } from '../model/scraperAccess';
import { describeExpiry, toSendRequest, type SendDraft } from '../model/sendDraft';
import type { ActiveServer } from '../state/serverConnection';
import { checkedPrompts } from '../ui/prompts';
import { runSendMessageFlow, type SendFlowContext, type SendStep } from '../ui/sendMessageFlow';
import { untrustedText } from '../util/untrustedText';
import type { TreeNode } from '../views/treeNodes';
import type { CommandContext } from './commandContext';
import { requireServer } from './requireServer';
import { describeServerChange, ensureBound, isServerChanged, keyedServer } from './sendBinding';
import { deliver, type BoundSend, type Next } from './sendDelivery';

/** How long the picker waits for the first load of assignments before opening anyway. */
const SUGGESTIONS_WAIT_MS = 1500;

export async function sendMessage(context: CommandContext, node?: TreeNode): Promise<void> {
  const server = requireServer(context);
  const draft: SendDraft = { ...context.unsentDraft };
  const scraperName = node?.kind === 'scraper' ? node.name : node?.kind === 'message' ? node.message.scraperName : undefined;
  if (scraperName) {
    draft.scraperName = scraperName;
  }
  await composeAndSend(context, draft, scraperName ? 'type' : 'scraper', { startedFor: server });
}

/** Flow options beyond the defaults, e.g. Send Again's title and expiry choices. */
export type FlowExtras = Pick<SendFlowContext, 'title' | 'extraExpiryChoices' | 'expiryPlaceholder'>;

export interface ComposeOptions extends FlowExtras {
  /** The server active when the user started; the active one if not given. */
  startedFor?: ActiveServer;
  /** A message like this was sent before: a matching pending one is pointed out first. */
  resend?: boolean;
}

/**
 * Runs the flow from `startAt` on `draft` (kept as the unsent draft), confirms a
 * KILL_REQUEST, sends once, and offers retry or edit after a failure — all for the server
 * the user started with. Shared by Send Message and Send Again.
 */
export async function composeAndSend(
  context: CommandContext,
  draft: SendDraft,
  startAt: SendStep,
  options: ComposeOptions = {},
): Promise<void> {
  context.unsentDraft = draft;
  const startedFor = options.startedFor ?? requireServer(context);
  try {
    const server = await keyedServer(context, startedFor);
    if (server) {
      const prompts = checkedPrompts(context.prompts, () => ensureBound(context, server));
      await composeLoop({ context, server, prompts }, draft, startAt, options);
    }
  } catch (error) {
    if (!isServerChanged(error)) {
      throw error;
    }
    await offerFreshStart(context, startedFor, draft, options);
  }
}

async function composeLoop(send: BoundSend, draft: SendDraft, startAt: SendStep, options: ComposeOptions): Promise<void> {
  const extras: FlowExtras = {
    title: options.title,
    extraExpiryChoices: options.extraExpiryChoices,
    expiryPlaceholder: options.expiryPlaceholder,
  };
  let resend = options.resend ?? false;
  let next: Next = { action: 'ask', startAt };
  while (next.action !== 'stop') {
    if (
      next.action === 'ask' &&
      !(await runSendMessageFlow(
        send.prompts,
        draft,
        { ...extras, ...(await scraperStep(send.context)), server: send.server.label },
        next.startAt,
      ))
    ) {
      return; // Dismissed: the draft stays in context.unsentDraft for next time.
    }
    const checked = toSendRequest(draft, Date.now());
    if (!checked.ok) {
      send.context.notifier.show('warning', checked.problem);
      next = { action: 'ask', startAt: 'expiry' };
      continue;
    }
    if (checked.request.messageType === 'KILL_REQUEST' && !(await confirmKill(send, checked.request, draft))) {
      return;
    }
    // Built again now: "in 15 minutes" counts from sending, not from opening the confirmation.
    const atSend = toSendRequest(draft, Date.now());
    if (!atSend.ok) {
      send.context.notifier.show('warning', atSend.problem);
      next = { action: 'ask', startAt: 'expiry' };
      continue;
    }
    next = await deliver(send, atSend.request, resend);
    resend = true;
  }
}

/** Tells the user the server changed under the flow; starting over for the new one is their choice. */
async function offerFreshStart(context: CommandContext, from: ActiveServer, draft: SendDraft, options: ComposeOptions): Promise<void> {
  const { text, now } = describeServerChange(context, from);
  context.log.warn(`[send] not sent: the server changed from ${from.label} to ${now?.label ?? 'none'}`);
  const again = now ? vscode.l10n.t('Start Again for {0}', now.label) : undefined;
  const choice = await context.notifier.show('warning', text, ...(again ? [again] : []));
  if (now && choice === again) {
    await composeAndSend(context, draft, 'scraper', { ...options, startedFor: now });
  }
}

/**
 * The scrapers to offer and which ones to warn about, from the user's assignments and
 * roles as the store last read them (once per connection, then every few minutes): no
 * request of its own, let alone one per keystroke.
 */
async function scraperStep(context: CommandContext): Promise<SendFlowContext> {
  if (!context.store.user) {
    await Promise.race([context.store.refresh(), new Promise((resolve) => setTimeout(resolve, SUGGESTIONS_WAIT_MS))]);
  }
  const access = scraperAccess(context.store.user);
  const known = new Set(context.store.knownScraperNames());
  context.store.groups().forEach((group) => known.add(group.name));
  return {
    scraperSuggestions: scraperChoices(access, known),
    scraperWarning: (name) =>
      mayMessage(access, name) ? undefined : vscode.l10n.t('You are not assigned to this scraper; the server will probably refuse.'),
    now: Date.now,
  };
}

function confirmKill(send: BoundSend, request: SendMessageRequest, draft: SendDraft): Promise<boolean> {
  const scraper = untrustedText(request.scraperName, 100);
  const text = request.message ? vscode.l10n.t('Message: "{0}"', untrustedText(request.message, 200)) : vscode.l10n.t('No message text.');
  return send.prompts.confirm({
    message: vscode.l10n.t('Send KILL_REQUEST to "{0}" on {1}?', scraper, send.server.label),
    detail: [
      vscode.l10n.t(
        'The scraper "{0}" stops its current scrape when it reads this. {1} It {2}.',
        scraper,
        text,
        describeExpiry(draft.expiry),
      ),
      vscode.l10n.t('Server: {0}', send.server.address.baseUrl),
    ].join('\n\n'),
    confirmLabel: vscode.l10n.t('Send KILL_REQUEST'),
  });
}
