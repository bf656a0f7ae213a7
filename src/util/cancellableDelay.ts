/** A wait that ends early on cancellation, never longer than a timer can hold. */
import type * as vscode from 'vscode';

/** Node fires a delay above this at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function cancellableDelay(ms: number, token?: vscode.CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    if (token?.isCancellationRequested) {
      resolve();
      return;
    }
    const timer = setTimeout(done, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
    const subscription = token?.onCancellationRequested(done);
    function done() {
      clearTimeout(timer);
      subscription?.dispose();
      resolve();
    }
  });
}
