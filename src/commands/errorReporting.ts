/**
 * The one place failures become notifications: a human sentence, the fix as a button
 * ("Set API Key" when the key is the problem), the trace id for support, and the log.
 */
import * as vscode from 'vscode';
import { isScrapeHubError } from '../api/errors';
import type { Notifier } from '../ui/notifier';
import { untrustedText } from '../util/untrustedText';
import { CommandId } from '../contributions/commandIds';

export const SET_API_KEY = vscode.l10n.t('Set API Key');
export const COPY_TRACE_ID = vscode.l10n.t('Copy Trace ID');
export const SHOW_LOG = vscode.l10n.t('Show Log');
export const CONFIGURE_SERVER = vscode.l10n.t('Configure Server');
/** `code` of a notConfigured error that is about the server, not the key. */
export const NO_SERVER = 'NO_SERVER';

export interface ErrorReportContext {
  notifier: Notifier;
  log: vscode.LogOutputChannel;
}

/** A toast shows about three buttons in full; more get cut to "Re…". */
export const MAX_ACTIONS = 3;

/** Operations a 403 refuses because of what was asked (a scraper), not because of the key. */
const PERMISSION_OPERATIONS = new Set(['sendMessage', 'ackMessage']);

/** The key itself is missing or refused, so entering another key is the fix. */
function keyIsTheProblem(error: unknown): boolean {
  if (!isScrapeHubError(error)) return false;
  if (error.kind === 'unauthorized' || (error.kind === 'notConfigured' && error.code !== NO_SERVER)) return true;
  return error.kind === 'forbidden' && !PERMISSION_OPERATIONS.has(error.operation ?? '');
}

/**
 * The actions that help with this error, after `first` (the caller's own, like Retry),
 * most useful first and at most MAX_ACTIONS in all. Show Log is always kept.
 */
export function helpfulActions(error: unknown, first: string[] = []): string[] {
  const candidates = [...first];
  if (isScrapeHubError(error) && error.kind === 'notConfigured' && error.code === NO_SERVER) {
    candidates.push(CONFIGURE_SERVER);
  } else if (keyIsTheProblem(error)) {
    candidates.push(SET_API_KEY);
  }
  if (isScrapeHubError(error) && error.traceId) {
    candidates.push(COPY_TRACE_ID);
  }
  return [...candidates.slice(0, MAX_ACTIONS - 1), SHOW_LOG];
}

export function describeError(error: unknown): string {
  if (isScrapeHubError(error)) {
    // The trace id is in the text too, for when its button did not fit.
    return untrustedText(error.traceId ? vscode.l10n.t('{0} (trace id {1})', error.message, error.traceId) : error.message);
  }
  return vscode.l10n.t('An unexpected error occurred. See the ScrapeHub log for details.');
}

/** Runs the follow-up the user picked from an error notification. */
export async function runErrorAction(action: string | undefined, error: unknown, log: vscode.LogOutputChannel): Promise<void> {
  if (action === SET_API_KEY) {
    await vscode.commands.executeCommand(CommandId.SetApiKey);
  } else if (action === CONFIGURE_SERVER) {
    await vscode.commands.executeCommand(CommandId.ConfigureServer);
  } else if (action === COPY_TRACE_ID && isScrapeHubError(error) && error.traceId) {
    await vscode.env.clipboard.writeText(error.traceId);
  } else if (action === SHOW_LOG) {
    log.show(true);
  }
}

/** Logs an error with its stack and tells the user, without blocking the caller. */
export function reportError(
  context: ErrorReportContext,
  what: string,
  error: unknown,
  extraActions: string[] = [],
): Thenable<string | undefined> {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  context.log.error(`[command] ${what}: ${detail}`);
  const actions = helpfulActions(error, extraActions);
  const answer = context.notifier.show('error', vscode.l10n.t('{0}: {1}', what, describeError(error)), ...actions);
  void Promise.resolve(answer).then((action) => {
    if (!extraActions.includes(action ?? '')) {
      return runErrorAction(action, error, context.log);
    }
    return undefined;
  });
  return answer;
}

/** Wraps a command handler so no failure escapes as a raw error toast. */
export function guard<A extends unknown[]>(
  context: ErrorReportContext,
  what: string,
  handler: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      void reportError(context, what, error);
    }
  };
}
