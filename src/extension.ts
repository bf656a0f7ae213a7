/**
 * Activation entry (dist/extension.js). Activating must cost the editor next to nothing,
 * so this registers only what VS Code needs to see at once — the Messages TreeView, every
 * contributed command and the URI handler — and loads the rest (dist/core.js) the first time the tree
 * is drawn or a command runs. No network, no secret reads, no timers here.
 */
import * as vscode from 'vscode';
import type { Core } from './core';
import { forgetSharedAnswers } from './state/storedAnswers';
import type { TestingApi } from './testing/testingApi';
import { LazyTreeDataProvider } from './views/lazyTreeDataProvider';
import type { TreeNode } from './views/treeNodes';
import { VIEW_ID } from './views/viewId';

export interface ScrapeHubExtensionApi {
  /** Present only when VS Code runs the extension's own tests (ExtensionMode.Test). */
  readonly testing?: TestingApi;
}

export function activate(extension: vscode.ExtensionContext): ScrapeHubExtensionApi {
  void forgetSharedAnswers(extension.globalState);
  let core: Core | undefined;
  const loadCore = (): Core => {
    if (!core) {
      // Kept out of this bundle by esbuild.js: dist/core.js, read only now.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startCore } = require('./core') as typeof import('./core');
      core = startCore(extension, treeView);
      extension.subscriptions.push(core);
    }
    return core;
  };
  const treeData = new LazyTreeDataProvider<TreeNode>(() => loadCore().view.provider);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: treeData, canSelectMany: true, showCollapseAll: true });
  // The manifest's ids, so the entry stays small; test/unit/manifest.test.ts keeps them equal
  // to the code's, and the core answers an id it has no handler for with a message.
  const commandIds: string[] = (extension.extension.packageJSON.contributes?.commands ?? []).map((command: { command: string }) => command.command);
  extension.subscriptions.push(
    treeData,
    treeView,
    ...commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => loadCore().runCommand(id, args))),
    // Deep links (activation event onUri): read and checked by the core, which never acts on one by itself.
    vscode.window.registerUriHandler({ handleUri: (uri) => loadCore().handleUri(uri) }),
  );
  if (extension.extensionMode !== vscode.ExtensionMode.Test) {
    return {};
  }
  return {
    get testing() {
      return loadCore().testing;
    },
  };
}

export function deactivate(): void {
  // Everything, core included, is disposed through extension.subscriptions.
}
