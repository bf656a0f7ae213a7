/** "Refresh": fetch now, with progress on the view, and say so when it fails. */
import * as vscode from 'vscode';
import { VIEW_ID } from '../views/messagesView';
import type { CommandContext } from './commandContext';
import { reportError } from './errorReporting';

export async function refresh(context: CommandContext): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => context.store.refresh({ manual: true }));
  const { store } = context;
  // A timer refresh fails quietly (the view shows it); one the user asked for says why.
  if (store.error && (store.state === 'unreachable' || store.state === 'keyRejected')) {
    void reportError(context, 'Could not refresh ScrapeHub messages', store.error);
  }
}
