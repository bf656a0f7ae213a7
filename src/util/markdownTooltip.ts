/**
 * Tree tooltips that carry server text are MarkdownStrings whose every markdown character
 * is escaped, so what they show is fixed by the markdown rules: exactly the text, with no
 * link that runs a command (untrusted), no HTML (a `<b>` tag would be dropped, not shown)
 * and no `$(icon)`. A plain string would depend instead on how each VS Code version's
 * hover treats a string it receives through its markdown path, as a lazily resolved tree
 * tooltip is.
 */
import * as vscode from 'vscode';
import { markdownEscaped } from './untrustedText';

/** One paragraph per line; each line is already bounded by its caller. */
export function markdownTooltip(lines: readonly string[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(lines.map((line) => markdownEscaped(line, Infinity)).join('\n\n'));
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.supportThemeIcons = false;
  return tooltip;
}
