/**
 * Composition root: builds the objects, wires them together, registers disposables.
 * No network and no secret reads here; those happen when the view shows or a command runs.
 */
import * as vscode from 'vscode';
import { ApiKeyStore } from './auth/apiKeyStore';
import type { CommandContext } from './commands/commandContext';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './config/settings';
import { WorkspaceServerUrlWatch } from './config/workspaceServerUrl';
import { MessageDocuments } from './documents/messageDocuments';
import { Acknowledger } from './state/acknowledger';
import { AutoRefresh } from './state/autoRefresh';
import { PollCoordinator } from './state/pollCoordinator';
import { RecentlyAcknowledged } from './state/recentlyAcknowledged';
import { MessageStore } from './state/messageStore';
import { ServerConnection } from './state/serverConnection';
import { recordingLog } from './testing/recordingLog';
import { createTestingApi, type TestingApi } from './testing/testingApi';
import { Notifier } from './ui/notifier';
import { VsCodePrompts } from './ui/vscodePrompts';
import { MessagesView } from './views/messagesView';
import { StatusBar } from './views/statusBar';

export interface ScrapeHubExtensionApi {
  /** Present only when VS Code runs the extension's own tests (ExtensionMode.Test). */
  testing?: TestingApi;
}

export function activate(extension: vscode.ExtensionContext): ScrapeHubExtensionApi {
  const testMode = extension.extensionMode === vscode.ExtensionMode.Test;
  const channel = vscode.window.createOutputChannel('ScrapeHub', { log: true });
  const recorded = testMode ? recordingLog(channel) : undefined;
  const log = recorded?.channel ?? channel;
  const settings = new Settings();
  const keys = new ApiKeyStore(extension.secrets);
  const connection = new ServerConnection(settings, keys, log);
  const store = new MessageStore(connection, log);
  const workspaceServerUrl = new WorkspaceServerUrlWatch();
  const recentAcks = new RecentlyAcknowledged(connection);
  const view = new MessagesView(store, workspaceServerUrl, recentAcks, settings);
  const statusBar = new StatusBar(store);
  const context: CommandContext = {
    settings,
    keys,
    connection,
    store,
    view,
    acknowledger: new Acknowledger(connection, store, recentAcks),
    recentAcks,
    documents: new MessageDocuments(),
    notifier: new Notifier(),
    log,
    prompts: new VsCodePrompts(),
    unsentDraft: undefined,
  };
  extension.subscriptions.push(
    channel,
    keys,
    connection,
    store,
    recentAcks,
    workspaceServerUrl,
    view,
    context.documents,
    statusBar,
    new AutoRefresh(store, settings, view.treeView, connection, new PollCoordinator(extension.globalState)),
    ...registerCommands(context),
  );
  return recorded ? { testing: createTestingApi(context, { logLines: recorded.lines, globalState: extension.globalState, statusBar: statusBar.item }) } : {};
}

export function deactivate(): void {
  // Everything is disposed through extension.subscriptions (in-flight requests are aborted by MessageStore).
}
