/**
 * The support report's text: versions, settings (server origins only), the view's state,
 * the last errors with their trace ids and the recent log. What it must never hold — the
 * API key, message texts — is removed from the finished text as a last pass, whatever line
 * it turned up in; file paths in stack frames are cut to the file name. Pure, unit-tested.
 */
import type { RecentLogLine } from '../util/recentLog';
import { plainText } from '../util/untrustedText';

export interface DiagnosticsInput {
  extension: { id: string; version: string; hostKind: string };
  vscode: { version: string; appName: string; uiKind: string; remoteName?: string };
  /** Origins only: where the user's servers are, never their paths or anything else in the URL. */
  servers: { active?: string; activeState: keyof typeof ACTIVE_STATES; configured: string[]; unusableEntries: number };
  settings: Record<string, string | number | boolean>;
  view: { state: string; pending: number; lastUpdated?: number; stale: boolean };
  lastError?: { kind: string; status?: number; code?: string; traceId?: string; message: string };
  log: readonly RecentLogLine[];
  /** Strings that must not appear (the key, message texts): replaced wherever they occur. */
  secrets: readonly string[];
  now: number;
}

const ACTIVE_STATES = { invalid: 'setting not usable', unset: 'not configured', keyStored: 'API key stored', noKey: 'no API key stored' };
export const REDACTED = '‹redacted›';
/** Shorter secrets are not searched for: "ok" would black out half the report and hides nothing. */
const MIN_SECRET_LENGTH = 3;
const ERROR_LEVELS = new Set(['warn', 'error']);
/** Errors listed on their own (the full log follows). */
const LAST_ERRORS = 10;

export function formatDiagnostics(input: DiagnosticsInput, maxLogLines = Infinity): string {
  const { extension, vscode, servers, view } = input;
  const errors = input.log.filter((line) => ERROR_LEVELS.has(line.level)).slice(-LAST_ERRORS);
  const logLines = input.log.slice(-maxLogLines);
  const text = [
    '## ScrapeHub Messages diagnostics',
    '',
    `Created ${iso(input.now)}. No API key and no message texts are included.`,
    '',
    '### Versions',
    `- Extension: ${extension.id} ${extension.version} (${extension.hostKind} extension host)`,
    `- ${vscode.appName}: ${vscode.version} (${vscode.uiKind}${vscode.remoteName ? `, remote: ${remoteKind(vscode.remoteName)}` : ', local'})`,
    '',
    '### Settings',
    `- Active server: ${servers.active ?? 'none'} (${ACTIVE_STATES[servers.activeState]})`,
    `- Named servers: ${servers.configured.length > 0 ? servers.configured.join(', ') : 'none'}${servers.unusableEntries > 0 ? `; ${servers.unusableEntries} unusable entries` : ''}`,
    ...Object.entries(input.settings).map(([key, value]) => `- ${key}: ${value}`),
    '',
    '### Messages view',
    `- State: ${view.state}; pending messages: ${view.pending}; last update: ${view.lastUpdated === undefined ? 'never' : iso(view.lastUpdated)}${view.stale ? ' (stale)' : ''}`,
    ...(input.lastError ? [`- Last refresh error: ${describeError(input.lastError)}`] : []),
    '',
    '### Last errors',
    ...(errors.length > 0 ? errors.map((line) => `- ${logLine(line)}`) : ['- none']),
    '',
    `### Recent log (${logLines.length} of ${input.log.length} lines)`,
    '```',
    ...logLines.map(logLine),
    '```',
    '',
  ].join('\n');
  return redact(withoutPaths(text), input.secrets);
}

/**
 * The kind of remote ("ssh-remote", "wsl", "dev-container"). Some hosts (code-server) put
 * a host and port there instead, which says where the user works: left out.
 */
function remoteKind(remoteName: string): string {
  return /^[a-z][a-z0-9-]*$/i.test(remoteName) ? remoteName : 'other';
}

function describeError(error: NonNullable<DiagnosticsInput['lastError']>): string {
  const facts = [error.kind, error.status && `HTTP ${error.status}`, error.code, error.traceId && `trace id ${error.traceId}`].filter(
    Boolean,
  );
  return `${facts.join(', ')}: ${error.message}`;
}

/** One line, starting with its time: no line of the log can close the code block around it. */
function logLine(line: RecentLogLine): string {
  return `${iso(line.at)} [${line.level}] ${line.text}`;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/**
 * Every occurrence of every secret replaced, as given and as a log line shows it (on one
 * line, without control characters); longest first, so one inside another goes too.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const wanted = [...new Set(secrets.flatMap((secret) => [secret.trim(), plainText(secret, Infinity)]))]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return wanted.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/**
 * Stack frames name files by absolute path (the user's home, the extensions folder): only
 * the file name, line and column stay.
 */
export function withoutPaths(text: string): string {
  return text.replace(/(^|[\s(])(?:file:\/\/)?(?:[A-Za-z]:)?[\\/][^\s()]*[\\/]([^\\/\s()]+:\d+(?::\d+)?)/g, '$1…/$2');
}
