/**
 * Code that must not import 'vscode' (src/api, src/model, the Send Message flow) localises
 * its texts with @vscode/l10n, which knows nothing of the display language by itself. This
 * hands it the bundle VS Code already loaded for us (l10n/bundle.l10n.<language>.json),
 * so both halves show the same language. In English there is no bundle: both use the text
 * written in the code.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function shareL10nBundle(): void {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
}
