/**
 * A send is composed for one server and goes to that server or nowhere. `scrapehub.serverUrl`
 * is a global setting, so Switch Server in another window can replace the active server
 * while a flow or a confirmation is open here: the flow checks its server after every
 * answer and before the request, and stops when it changed.
 */
import * as vscode from 'vscode';
import { fallbackText } from '../api/errorMapping';
import { ScrapeHubError, isScrapeHubError } from '../api/errors';
import type { ActiveServer } from '../state/serverConnection';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import type { CommandContext } from './commandContext';

/** How long to wait for a newly stored key to reach the connection. */
const KEY_APPLIED_WAIT_MS = 2_000;

/** Throws a `serverChanged` error when `server` is no longer the active server (or key). */
export function ensureBound(context: CommandContext, server: ActiveServer): void {
  if (!context.connection.isCurrent(server)) {
    throw serverChanged();
  }
}

function serverChanged(): ScrapeHubError {
  return new ScrapeHubError('serverChanged', fallbackText('serverChanged'), { operation: 'sendMessage' });
}

export function isServerChanged(error: unknown): boolean {
  return isScrapeHubError(error) && error.kind === 'serverChanged';
}

/**
 * `startedFor`, or its successor once the user entered a missing key (storing a key
 * rebuilds the active server); undefined when the user gave no key.
 */
export async function keyedServer(context: CommandContext, startedFor: ActiveServer): Promise<ActiveServer | undefined> {
  ensureBound(context, startedFor);
  if (await context.connection.hasKey()) {
    ensureBound(context, startedFor);
    return startedFor;
  }
  // Storing the key rebuilds the active server once SecretStorage reports the change.
  let rebuilt!: () => void;
  const applied = new Promise<void>((resolve) => (rebuilt = resolve));
  const subscription = context.connection.onDidChange(() => rebuilt());
  try {
    if (!(await promptAndStoreApiKey(context, startedFor.address.origin))) {
      return undefined;
    }
    await Promise.race([applied, new Promise((resolve) => setTimeout(resolve, KEY_APPLIED_WAIT_MS))]);
  } finally {
    subscription.dispose();
  }
  const keyed = context.connection.active;
  if (!keyed || keyed.address.baseUrl !== startedFor.address.baseUrl) {
    throw serverChanged();
  }
  return keyed;
}

/** What to tell the user when the server of a send was replaced, and the server to offer instead. */
export function describeServerChange(context: CommandContext, from: ActiveServer): { text: string; now?: ActiveServer } {
  const now = context.connection.active;
  if (!now) {
    return { text: vscode.l10n.t('{0} is no longer the active ScrapeHub server, so nothing was sent. Your draft is kept.', from.label) };
  }
  if (now.address.baseUrl === from.address.baseUrl) {
    return { text: vscode.l10n.t('The API key for {0} changed, so nothing was sent. Your draft is kept.', from.label), now };
  }
  return {
    text: vscode.l10n.t(
      'The ScrapeHub server changed from {0} to {1} (in this or another window), so nothing was sent. Your draft is kept.',
      from.label,
      now.label,
    ),
    now,
  };
}
