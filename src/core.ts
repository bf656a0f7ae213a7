/**
 * Composition root of everything behind the activation entry (src/extension.ts): builds
 * the objects and wires them together. Bundled separately (dist/core.js) and loaded the
 * first time the tree is drawn or a command runs. No network and no secret reads here;
 * those happen when the view asks for data or a command needs them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NewMessageAlerts } from './alerts/newMessageAlerts';
import { ParseWorkerClient } from './api/worker/parseWorkerClient';
import { ApiKeyStore } from './auth/apiKeyStore';
import type { CommandContext } from './commands/commandContext';
import { guard } from './commands/errorReporting';
import { handleLink } from './commands/openLink';
import { createCommandRunner, type CommandRunner } from './commands/registerCommands';
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
import { recordingLog } from './testing/recordingLog';
import { createTestingApi, type TestingApi } from './testing/testingApi';
import { systemClock } from './util/clock';
import { Notifier } from './ui/notifier';
import { VsCodePrompts } from './ui/vscodePrompts';
import { oneLineLog } from './util/oneLineLog';
import { keepingRecentLines, RecentLog } from './util/recentLog';
import { vsCodeSupportIo } from './ui/supportIo';
import { MessagesView } from './views/messagesView';
import { ServerInViewTitle } from './views/serverInViewTitle';
import { StatusBar } from './views/statusBar';
import type { TreeNode } from './views/treeNodes';
import { WalkthroughProgress } from './views/walkthroughProgress';

export interface Core extends vscode.Disposable {
  readonly view: MessagesView;
  readonly runCommand: CommandRunner;
  /** The URI handler (deep links); never throws. */
  readonly handleUri: (uri: vscode.Uri) => Promise<void>;
  /** Only in ExtensionMode.Test. */
  readonly testing: TestingApi | undefined;
}

const windowFocus: WindowFocus = {
  get focused() {
    return vscode.window.state.focused;
  },
  onDidChange: vscode.window.onDidChangeWindowState,
};

export function startCore(extension: vscode.ExtensionContext, treeView: vscode.TreeView<TreeNode>): Core {
  shareL10nBundle();
  const testMode = extension.extensionMode === vscode.ExtensionMode.Test;
  const channel = vscode.window.createOutputChannel('ScrapeHub', { log: true });
  const recorded = testMode ? recordingLog(channel) : undefined;
  const recentLog = new RecentLog();
  const log = oneLineLog(keepingRecentLines(recorded?.channel ?? channel, recentLog));
  const settings = new Settings();
  // In a remote extension host, loopback is the remote machine's: its keys are scoped to it.
  const keys = new ApiKeyStore(extension.secrets, extension.extension.extensionKind === vscode.ExtensionKind.Workspace ? vscode.env.remoteName : undefined);
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
  const workspaceServerUrl = new WorkspaceServerUrlWatch();
  const recentAcks = new RecentlyAcknowledged(connection);
  const view = new MessagesView(store, workspaceServerUrl, recentAcks, settings, treeView);
  const serverName = new ActiveServerName(settings, connection);
  const statusBar = new StatusBar(store, serverName);
  const walkthrough = new WalkthroughProgress(connection, store, view.treeView);
  const context: CommandContext = {
    extension: {
      id: extension.extension.id,
      version: String(extension.extension.packageJSON.version),
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
  const runCommand = createCommandRunner(context);
  const handleUri = guard(context, vscode.l10n.t('Could not open the link'), (uri: vscode.Uri) => handleLink(context, uri));
  const disposables: vscode.Disposable[] = [
    channel,
    parseWorker,
    keys,
    connection,
    store,
    recentAcks,
    workspaceServerUrl,
    view,
    context.documents,
    statusBar,
    serverName,
    new ServerInViewTitle(view.treeView, serverName),
    walkthrough,
    new NewMessageAlerts(context),
    settings.onDidChangeScraperNames(() => void store.refresh({ manual: true })),
    new AutoRefresh(store, settings, view.treeView, windowFocus, systemClock),
  ];
  const testing = recorded && createTestingApi(context, { logLines: recorded.lines, globalState: extension.globalState, statusBar: statusBar.item, extensionContext: extension, handleUri });
  return {
    view,
    runCommand,
    handleUri,
    testing,
    // In reverse order of creation, so nothing outlives what it depends on (in-flight requests are aborted by MessageStore).
    dispose: () => disposables.reverse().forEach((disposable) => disposable.dispose()),
  };
}

