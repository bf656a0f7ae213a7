/**
 * The composition root: builds every object once and wires them. activate() reads as the
 * whole; the functions below it build logging, the server with its data and views, and the
 * commands' context, in the order activate() calls them. Nothing here talks to the network
 * or reads a secret: that happens when the view asks for rows or a command needs the key.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NewMessageAlerts } from './alerts/newMessageAlerts';
import { ParseWorkerClient } from './api/worker/parseWorkerClient';
import { ApiKeyStore } from './auth/apiKeyStore';
import type { CommandContext } from './commands/commandContext';
import { guard } from './commands/errorReporting';
import { handleLink } from './commands/openLink';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './config/settings';
import { WorkspaceServerUrlWatch } from './config/workspaceServerUrl';
import { MessageDocuments } from './documents/messageDocuments';
import { shareL10nBundle } from './l10n/shareBundle';
import { SentMessages } from './model/sentMessages';
import { Acknowledger } from './state/acknowledger';
import { AutoRefresh, type WindowFocus } from './state/autoRefresh';
import { RecentlyAcknowledged } from './state/recentlyAcknowledged';
import { MessageStore } from './state/messageStore';
import { ActiveServerName } from './state/activeServerName';
import { ServerConnection } from './state/serverConnection';
import { createTestingApi, type TestingApi } from './testing/testingApi';
import { forgetSharedAnswers } from './state/storedAnswers';
import { systemClock } from './util/clock';
import { Notifier } from './ui/notifier';
import { vsCodeSupportIo } from './ui/supportIo';
import { VsCodePrompts } from './ui/vscodePrompts';
import { createTools } from './tools/createTools';
import { oneLineLog } from './util/oneLineLog';
import { RecentLog } from './util/recentLog';
import { MessagesView } from './views/messagesView';
import { ServerInViewTitle } from './views/serverInViewTitle';
import { StatusBar } from './views/statusBar';
import { WalkthroughProgress } from './views/walkthroughProgress';

export interface ScrapeHubExtensionApi {
  /** Present only when VS Code runs the extension's own tests (ExtensionMode.Test). */
  readonly testing?: TestingApi;
}

const windowFocus: WindowFocus = {
  get focused() {
    return vscode.window.state.focused;
  },
  onDidChange: vscode.window.onDidChangeWindowState,
};

export function activate(extension: vscode.ExtensionContext): ScrapeHubExtensionApi {
  void forgetSharedAnswers(extension.globalState);
  shareL10nBundle();
  const logging = createLogging(extension.extensionMode === vscode.ExtensionMode.Test);
  const core = createCore(extension, logging.log);
  const { settings, store } = core;
  const context = createCommandContext(extension, logging, core);
  const tools = createTools(context);
  const handleUri = guard(context, vscode.l10n.t('Could not open the link'), (uri: vscode.Uri) => handleLink(context, uri));

  // In order of creation; pushed in reverse, so nothing is disposed before what depends on it.
  const disposables: vscode.Disposable[] = [
    logging.channel,
    core.workspaceServerUrl,
    core.keys,
    core.parseWorker,
    core.connection,
    store,
    core.recentAcks,
    core.view,
    core.serverName,
    core.statusBar,
    new ServerInViewTitle(core.view.treeView, core.serverName),
    core.walkthrough,
    context.documents,
    ...registerCommands(context),
    ...tools.register(),
    // Deep links: read and checked here, never acted on by themselves.
    vscode.window.registerUriHandler({ handleUri }),

    // Background work
    new NewMessageAlerts(context),
    settings.onDidChangeScraperNames(() => void store.refresh({ manual: true })),
    new AutoRefresh(store, settings, core.view.treeView, windowFocus, systemClock),
  ];
  extension.subscriptions.push(...disposables.reverse());

  if (!logging.recorded) {
    return {};
  }
  return {
    testing: createTestingApi(context, {
      tools,
      handleUri,
      logLines: logging.recorded,
      globalState: extension.globalState,
      statusBar: core.statusItem,
      extensionContext: extension,
    }),
  };
}

// Logging and settings
function createLogging(testMode: boolean) {
  const channel = vscode.window.createOutputChannel('ScrapeHub', { log: true });
  // In test mode every line is kept, so the suites can search all that was logged (the key must never appear).
  const recorded: string[] | undefined = testMode ? [] : undefined;
  const recentLog = new RecentLog();
  const log = oneLineLog(channel, (level, line) => {
    recentLog.add(level, line);
    recorded?.push(line);
  });
  return { channel, recorded, recentLog, log };
}

// The server, its data and the views
function createCore(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
  const settings = new Settings();
  const workspaceServerUrl = new WorkspaceServerUrlWatch();
  // In a remote extension host, loopback is the remote machine's: its keys are scoped to it.
  const keys = new ApiKeyStore(
    extension.secrets,
    extension.extension.extensionKind === vscode.ExtensionKind.Workspace ? vscode.env.remoteName : undefined,
  );
  // Beside this bundle in dist/; if it is missing or fails, parsing stays on this thread.
  const parseWorker = new ParseWorkerClient(path.join(__dirname, 'parseWorker.js'), (reason) =>
    log.warn(
      typeof reason === 'number'
        ? `[parse worker] exited with code ${reason}; large answers are parsed on the main thread from now on`
        : reason instanceof Error
          ? `[parse worker] ${reason.message}; large answers are parsed on the main thread from now on`
          : `[parse worker] no answer within ${reason.silentForMs} ms; large answers are parsed on the main thread from now on`,
    ),
  );
  const connection = new ServerConnection(settings, keys, log, parseWorker);
  const store = new MessageStore(connection, log, () => settings.scraperNames());
  const recentAcks = new RecentlyAcknowledged(connection);

  // Views
  const view = new MessagesView(store, workspaceServerUrl, recentAcks, settings);
  const serverName = new ActiveServerName(settings, connection);
  const statusItem = vscode.window.createStatusBarItem('scrapehub.status', vscode.StatusBarAlignment.Left, 50);
  const statusBar = new StatusBar(statusItem, store, serverName);
  const walkthrough = new WalkthroughProgress(connection, store, view.treeView);
  return {
    settings,
    workspaceServerUrl,
    keys,
    parseWorker,
    connection,
    store,
    recentAcks,
    view,
    serverName,
    statusItem,
    statusBar,
    walkthrough,
  };
}

// Commands
function createCommandContext(
  extension: vscode.ExtensionContext,
  { recentLog, log }: ReturnType<typeof createLogging>,
  { settings, keys, connection, store, recentAcks, view, walkthrough }: ReturnType<typeof createCore>,
): CommandContext {
  return {
    extension: {
      id: extension.extension.id,
      version: String((extension.extension.packageJSON as { version?: unknown }).version),
      hostKind: extension.extension.extensionKind === vscode.ExtensionKind.Workspace ? 'workspace' : 'ui',
    },
    recentLog,
    support: vsCodeSupportIo,
    settings,
    keys,
    connection,
    store,
    view,
    acknowledger: new Acknowledger(connection, store, recentAcks),
    recentAcks,
    sentHere: new SentMessages(),
    documents: new MessageDocuments(),
    notifier: new Notifier(),
    log,
    walkthrough,
    prompts: new VsCodePrompts(),
    unsentDraft: undefined,
  };
}

export function deactivate(): void {
  // Everything is disposed through extension.subscriptions.
}
