/**
 * Server-provided strings (message texts, scraper names, error messages) are untrusted.
 * Notifications render markdown-style links, and a link can run a command, so we break
 * link syntax, drop control characters and bound the length before showing any of it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function untrustedText(value: string, maxLength = 300): string {
  const cleaned = value
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .replace(/\]\s*\(/g, '] (')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}
