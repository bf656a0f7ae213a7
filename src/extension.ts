/**
 * Composition root: builds the objects, wires them together, registers disposables.
 * No network and no secret reads here; those happen when the view shows or a command runs.
 */
import * as vscode from 'vscode';
import { ApiKeyStore } from './auth/apiKeyStore';
import type { CommandContext } from './commands/commandContext';
import { registerCommands } from './commands/registerCommands';
import { Settings } from './config/settings';
import { MessageDocuments } from './documents/messageDocuments';
import { Acknowledger } from './state/acknowledger';
import { AutoRefresh } from './state/autoRefresh';
import { MessageStore } from './state/messageStore';
import { ServerConnection } from './state/serverConnection';
import { createTestingApi, type TestingApi } from './testing/testingApi';
import { Notifier } from './ui/notifier';
import { VsCodePrompts } from './ui/vscodePrompts';
import { MessagesView } from './views/messagesView';

export interface ScrapeHubExtensionApi {
  /** Present only when VS Code runs the extension's own tests (ExtensionMode.Test). */
  testing?: TestingApi;
}

export function activate(extension: vscode.ExtensionContext): ScrapeHubExtensionApi {
  const log = vscode.window.createOutputChannel('ScrapeHub', { log: true });
  const settings = new Settings();
  const keys = new ApiKeyStore(extension.secrets);
  const connection = new ServerConnection(settings, keys, log);
  const store = new MessageStore(connection, log);
  const view = new MessagesView(store, settings);
  const context: CommandContext = {
    settings,
    keys,
    connection,
    store,
    view,
    acknowledger: new Acknowledger(connection, store),
    documents: new MessageDocuments(),
    notifier: new Notifier(),
    log,
    prompts: new VsCodePrompts(),
    unsentDraft: undefined,
  };
  extension.subscriptions.push(
    log,
    keys,
    connection,
    store,
    view,
    context.documents,
    new AutoRefresh(store, settings, view.treeView),
    ...registerCommands(context),
  );
  return extension.extensionMode === vscode.ExtensionMode.Test ? { testing: createTestingApi(context) } : {};
}

export function deactivate(): void {
  // Everything is disposed through extension.subscriptions (in-flight requests are aborted by MessageStore).
}
