/** "Refresh": fetch now, with progress on the view, and say so when it fails. */
import * as vscode from 'vscode';
import { describeWait } from '../state/pollSchedule';
import { VIEW_ID } from '../contributions/viewId';
import type { CommandContext } from './commandContext';
import { reportError } from './errorReporting';

export async function refresh(context: CommandContext): Promise<void> {
  const { store } = context;
  const wait = store.retryNotBefore - Date.now();
  if (wait > 0) {
    // The server said when it wants to hear from us again (Retry-After); a click does not change that.
    const at = new Date(store.retryNotBefore).toLocaleTimeString();
    context.notifier.show(
      'info',
      vscode.l10n.t('The ScrapeHub server asked to wait before the next request. Next try {0} (at {1}).', describeWait(wait), at),
    );
    return;
  }
  await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh({ manual: true }));
  // A timer refresh fails quietly (the view shows it); one the user asked for says why.
  if (store.error && (store.state === 'unreachable' || store.state === 'serverError' || store.state === 'keyRejected')) {
    void reportError(context, vscode.l10n.t('Could not refresh ScrapeHub messages'), store.error);
  }
}
