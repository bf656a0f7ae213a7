/**
 * The one place failures become notifications: a human sentence, the fix as a button
 * ("Set API Key" when the key is the problem), the trace id for support, and the log.
 */
import * as vscode from 'vscode';
import { isScrapeHubError } from '../api/errors';
import type { Notifier } from '../ui/notifier';
import { untrustedText } from '../util/untrustedText';
import { CommandId } from './commandIds';

export const SET_API_KEY = 'Set API Key';
export const COPY_TRACE_ID = 'Copy Trace ID';
export const SHOW_LOG = 'Show Log';
export const CONFIGURE_SERVER = 'Configure Server';
/** `code` of a notConfigured error that is about the server, not the key. */
export const NO_SERVER = 'NO_SERVER';

export interface ErrorReportContext {
  notifier: Notifier;
  log: vscode.LogOutputChannel;
}

/** The actions that help with this error, in the order they are offered. */
export function helpfulActions(error: unknown): string[] {
  const actions: string[] = [];
  if (isScrapeHubError(error) && error.kind === 'notConfigured' && error.code === NO_SERVER) {
    actions.push(CONFIGURE_SERVER);
  } else if (isScrapeHubError(error) && (error.isAuthProblem || error.kind === 'notConfigured')) {
    actions.push(SET_API_KEY);
  }
  if (isScrapeHubError(error) && error.traceId) {
    actions.push(COPY_TRACE_ID);
  }
  actions.push(SHOW_LOG);
  return actions;
}

export function describeError(error: unknown): string {
  if (isScrapeHubError(error)) {
    return untrustedText(error.message);
  }
  return 'An unexpected error occurred. See the ScrapeHub log for details.';
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
export function reportError(context: ErrorReportContext, what: string, error: unknown, extraActions: string[] = []): Thenable<string | undefined> {
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  context.log.error(`[command] ${what}: ${detail}`);
  const actions = [...extraActions, ...helpfulActions(error)];
  const answer = context.notifier.show('error', `${what}: ${describeError(error)}`, ...actions);
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
