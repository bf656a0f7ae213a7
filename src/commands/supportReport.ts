/**
 * "Report Issue…" (VS Code's issue reporter, this extension preselected, the diagnostics
 * in the description) and "Save Diagnostics…" (the same text, with the whole recent log,
 * in a file the user picks). The text is built by model/diagnostics.ts; this gathers what
 * goes in, and what must not: the stored keys and the message texts this window knows.
 */
import * as vscode from 'vscode';
import { formatDiagnostics, type DiagnosticsInput } from '../model/diagnostics';
import { countMessages } from '../model/messageGroups';
import type { CommandContext } from './commandContext';

/** An issue body goes into a URL when submitted: the last lines of the log are enough there. */
const ISSUE_LOG_LINES = 40;

export async function reportIssue(context: CommandContext): Promise<void> {
  const diagnostics = formatDiagnostics(await diagnosticsInput(context), ISSUE_LOG_LINES);
  const issueBody = `${vscode.l10n.t('Describe what you did, what you expected and what happened instead.')}\n\n<details>\n<summary>Diagnostics</summary>\n\n${diagnostics}\n</details>\n`;
  try {
    await context.support.openIssueReporter({ extensionId: context.extension.id, issueBody });
  } catch (error) {
    // Some hosts have no issue reporter (or feedback is turned off): the file is the way then.
    context.log.warn(`[support] the issue reporter did not open: ${error instanceof Error ? error.message : String(error)}`);
    const save = vscode.l10n.t('Save Diagnostics…');
    const choice = await context.notifier.show(
      'warning',
      vscode.l10n.t(
        "VS Code's issue reporter could not be opened here. Save the diagnostics to a file and attach it to your report instead.",
      ),
      save,
    );
    if (choice === save) {
      await saveDiagnostics(context);
    }
  }
}

export async function saveDiagnostics(context: CommandContext): Promise<void> {
  const text = formatDiagnostics(await diagnosticsInput(context));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const target = await context.support.chooseSaveFile(`scrapehub-diagnostics-${stamp}.md`, vscode.l10n.t('Save ScrapeHub Diagnostics'));
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  context.log.info('[support] diagnostics saved');
  const open = vscode.l10n.t('Open');
  const choice = await context.notifier.show(
    'info',
    vscode.l10n.t('Saved the diagnostics. They hold no API key and no message texts; read them before you share them.'),
    open,
  );
  if (choice === open) {
    await vscode.window.showTextDocument(target);
  }
}

async function diagnosticsInput(context: CommandContext): Promise<DiagnosticsInput> {
  const { settings, store, connection } = context;
  const list = settings.servers();
  const active = connection.active;
  const origins = [...new Set([...(active ? [active.address.origin] : []), ...list.servers.map((server) => server.address.origin)])];
  const keys = await Promise.all(origins.map((origin) => context.keys.get(origin)));
  const error = store.error;
  return {
    extension: context.extension,
    vscode: {
      version: vscode.version,
      appName: vscode.env.appName,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      remoteName: vscode.env.remoteName,
    },
    servers: {
      active: active?.address.origin,
      activeState:
        connection.setting.kind === 'invalid' ? 'invalid' : !active ? 'unset' : (await connection.hasKey()) ? 'keyStored' : 'noKey',
      configured: list.servers.map(
        (server) => `${server.address.origin}${server.address.baseUrl === active?.address.baseUrl ? ' (active)' : ''}`,
      ),
      unusableEntries: list.unusable.length,
    },
    settings: {
      refreshIntervalSeconds: settings.refreshIntervalMs() / 1000,
      requestTimeoutSeconds: settings.requestTimeoutMs() / 1000,
      ...settings.arrangement(),
      alertedMessageTypes: [...settings.alertedMessageTypes()].join(', ') || 'none',
      scraperNames: settings.scraperNames().length,
      workspaceTrusted: vscode.workspace.isTrusted,
    },
    view: { state: store.state, pending: countMessages(store.groups()), lastUpdated: store.lastUpdated, stale: store.isStale },
    lastError: error && { kind: error.kind, status: error.status, code: error.code, traceId: error.traceId, message: error.message },
    log: context.recentLog.lines(),
    secrets: [...keys.filter((key): key is string => typeof key === 'string'), ...messageTexts(context)],
    now: Date.now(),
  };
}

/** Every message text this window holds: pending, recently acknowledged, and the unsent draft. */
function messageTexts(context: CommandContext): string[] {
  const pending = context.store.groups().flatMap((group) => group.messages.map((message) => message.message));
  const acknowledged = context.recentAcks.entries.map((entry) => entry.message.message);
  return [...pending, ...acknowledged, context.unsentDraft?.text].filter((text): text is string => typeof text === 'string');
}
