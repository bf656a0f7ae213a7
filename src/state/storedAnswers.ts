/**
 * Nothing of an account is kept at rest: no messages, no email, roles or settings. Earlier
 * builds shared each poll's answer between windows through
 * globalState, unencrypted on disk and kept even after Clear API Key; this deletes what
 * they left there. Cheap (a key listing, no I/O when there is nothing to delete), so it
 * runs on every activation.
 */
import type * as vscode from 'vscode';

const SHARED_ANSWER_PREFIXES = ['scrapehub.lastPoll:', 'scrapehub.lastAnswer:'];

export async function forgetSharedAnswers(state: vscode.Memento): Promise<void> {
  const stored = state.keys().filter((key) => SHARED_ANSWER_PREFIXES.some((prefix) => key.startsWith(prefix)));
  await Promise.all(stored.map((key) => state.update(key, undefined)));
}
