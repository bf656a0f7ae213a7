/**
 * Notifications with action buttons. Never awaited by callers that must carry on: a toast
 * can stay open for minutes. Tests observe notices and answer them through `observe`,
 * which is only wired up in the extension's test mode.
 */
import * as vscode from 'vscode';
import { untrustedText } from '../util/untrustedText';

export type Severity = 'info' | 'warning' | 'error';

export interface Notice {
  severity: Severity;
  message: string;
  actions: string[];
}

/** Returns the action a test chooses, or undefined to leave the notice alone. */
export type NoticeObserver = (notice: Notice) => string | undefined;

export class Notifier {
  private observer: NoticeObserver | undefined;

  observe(observer: NoticeObserver | undefined): void {
    this.observer = observer;
  }

  /**
   * `message` may carry server text. Callers bound each field with untrustedText; this
   * last pass (idempotent) covers a field that was not, as a notification renders links.
   */
  show(severity: Severity, text: string, ...actions: string[]): Thenable<string | undefined> {
    const message = untrustedText(text, Infinity);
    const shown =
      severity === 'error'
        ? vscode.window.showErrorMessage(message, ...actions)
        : severity === 'warning'
          ? vscode.window.showWarningMessage(message, ...actions)
          : vscode.window.showInformationMessage(message, ...actions);
    if (this.observer) {
      return Promise.resolve(this.observer({ severity, message, actions }));
    }
    return shown;
  }
}
