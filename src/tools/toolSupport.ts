/**
 * What the three tools share: results as text a model can act on, the server a call is
 * for, and the binding of a call to the server its confirmation named.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import type { ActiveServer } from '../state/serverConnection';

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The active server if it has a key; else why not, as the model should relay it. */
export async function usableServer(context: CommandContext, server: ActiveServer | undefined): Promise<ActiveServer | string> {
  if (!server) {
    const setting = context.settings.server();
    return setting.kind === 'invalid'
      ? vscode.l10n.t(
          'The ScrapeHub server URL setting is not usable ({0}). The user must fix it with "ScrapeHub: Configure Server…".',
          setting.problem,
        )
      : vscode.l10n.t('No ScrapeHub server is configured. The user must run "ScrapeHub: Configure Server…" first.');
  }
  if (!(await context.connection.hasKey())) {
    return vscode.l10n.t(
      'No API key is stored for the ScrapeHub server "{0}". The user must run "ScrapeHub: Set API Key…"; a tool cannot do it.',
      server.label,
    );
  }
  return server;
}

/** Why nothing was done because `from` is no longer the active server (or key). */
export function serverChangedText(context: CommandContext, from: ActiveServer): string {
  const now = context.connection.active;
  if (now && now.address.baseUrl === from.address.baseUrl) {
    return vscode.l10n.t(
      'The API key for the ScrapeHub server "{0}" changed after this call was prepared, so nothing was done. Ask the user before trying again.',
      from.label,
    );
  }
  return now
    ? vscode.l10n.t(
        'The active ScrapeHub server changed from "{0}" to "{1}" after this call was prepared, so nothing was done on either. Ask the user which server they mean before trying again.',
        from.label,
        now.label,
      )
    : vscode.l10n.t('"{0}" is no longer the active ScrapeHub server, so nothing was done.', from.label);
}

const MAX_PREPARED = 20;

/**
 * The server each call was prepared (and its confirmation worded) for. VS Code calls
 * `prepareInvocation`, waits for the user, then `invoke` with the same input; the stable
 * API gives both no shared call id, so the input is the key. `invoke` acts on the server
 * recorded here or on none: a switch while the confirmation was open must not redirect it.
 */
export class PreparedCalls {
  private readonly calls = new Map<string, ActiveServer | undefined>();

  remember(input: unknown, server: ActiveServer | undefined): void {
    const key = JSON.stringify(input ?? null);
    this.calls.delete(key);
    this.calls.set(key, server);
    while (this.calls.size > MAX_PREPARED) {
      this.calls.delete(this.calls.keys().next().value as string);
    }
  }

  /** The server recorded for this input (spent), or `unprepared` when prepareInvocation did not run for it. */
  take(input: unknown): ActiveServer | undefined | 'unprepared' {
    const key = JSON.stringify(input ?? null);
    if (!this.calls.has(key)) {
      return 'unprepared';
    }
    const server = this.calls.get(key);
    this.calls.delete(key);
    return server;
  }
}
