/**
 * Server-provided strings (message texts, types, ids, scraper names, error messages) are
 * untrusted. They are shown with the characters the server sent, minus control and bidi
 * characters, and made safe for the place that draws them (the "sink"), never rewritten
 * for all of them at once:
 * - plainText: where VS Code draws plain text (TreeItem labels and descriptions, view
 *   title descriptions, accessibility labels, log lines);
 * - iconSafe: on top of plainText where VS Code turns `$(name)` into an icon (status bar,
 *   quick pick label, description and detail);
 * - markdownEscaped: where markdown is rendered (tooltips, see markdownTooltip.ts);
 * - untrustedText: notifications and modal dialogs, which turn `[text](command:…)` into
 *   a link that runs a command.
 * Every sink keeps one line per field, so text from the server cannot forge the lines
 * around it (a log entry, the "ID:" line of a tooltip).
 */

// C0 and C1 controls other than whitespace (WHITESPACE_RUN turns those into a space),
// DEL, and the invisible or direction-changing format characters: LRM/RLM and ALM
// (U+200E, U+200F, U+061C), embeddings and overrides (U+202A–U+202E), isolates
// (U+2066–U+2069), and the zero-width space, word joiner and BOM (U+200B, U+2060, U+FEFF)
// that can hide characters inside a name. ZWNJ and ZWJ (U+200C, U+200D)
// stay: scripts such as Persian and emoji sequences need them, and they reorder nothing.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
// Line breaks and other whitespace, including the C1 NEL and the Unicode line and
// paragraph separators that some renderers break lines on.
const WHITESPACE_RUN = /[\s\u0085]+/g;
// VS Code's own icon syntax (iconLabels.ts); the union of the name and modifier forms of
// the versions this extension supports, so every form a renderer knows is escaped.
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?\)/g;
// Every ASCII punctuation character: CommonMark lets each be escaped with a backslash.
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** One line of plain text: whitespace runs become one space, controls and bidi go. */
export function plainText(value: string, maxLength = 300): string {
  return truncate(String(value).replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim(), maxLength);
}

/**
 * plainText for sinks that draw `$(name)` as an icon. The backslash is VS Code's escape
 * (`escapeIcons`): the renderer drops it and shows `$(name)` as typed. Every match gets one,
 * even one already after a backslash, so a server's `\$(zap)` shows as `\$(zap)` too.
 */
export function iconSafe(value: string, maxLength = 300): string {
  return plainText(value, maxLength).replace(ICON, '\\$&');
}

/**
 * plainText as markdown source that renders as exactly that text: no emphasis, links,
 * autolinks (`:` and `.` are escaped too), HTML tags or entities.
 */
export function markdownEscaped(value: string, maxLength = 300): string {
  return plainText(value, maxLength).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * For notifications and modal dialogs: plainText with link syntax broken, so a server
 * cannot plant `[text](command:…)` (VS Code makes that a link that runs the command) or a
 * bare `command:` link. `<`, `>` and the rest are shown as sent.
 */
export function untrustedText(value: string, maxLength = 300): string {
  return plainText(value, maxLength)
    .replace(/\]\s*\(/g, '] (')
    .replace(/command:(?!\s)/gi, '$& ');
}

/**
 * True when `value` holds a control, bidi or zero-width character: text a person cannot
 * see as typed. Where text is not from a server but will be acted on (a link's fields),
 * refusing it is safer than showing a cleaned copy.
 */
export function hasHiddenCharacters(value: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(value);
}

/** Cuts to maxLength characters with an ellipsis, never between the halves of a surrogate pair. */
function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  let end = Math.max(0, maxLength - 1);
  if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1])) {
    end--;
  }
  return `${text.slice(0, end)}…`;
}
