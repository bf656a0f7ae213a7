/**
 * Sets the context keys that tick the Get Started walkthrough's steps (see
 * model/walkthroughSteps.ts). The first three follow the extension's state; sending and
 * acknowledging are reported by their commands after the server confirmed them. A key is
 * only ever set to true: VS Code remembers a ticked step anyway.
 */
import * as vscode from 'vscode';
import { WALKTHROUGH_CONTEXT_KEYS, type WalkthroughStep } from '../model/walkthroughSteps';
import type { MessageStore } from '../state/messageStore';
import type { ServerConnection } from '../state/serverConnection';
import type { TreeNode } from './treeNodes';

export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly connection: ServerConnection,
    private readonly store: MessageStore,
    private readonly treeView: vscode.TreeView<TreeNode>,
    private readonly setContext = (key: string, value: boolean): void => void vscode.commands.executeCommand('setContext', key, value),
  ) {
    const update = () => this.update();
    this.subscriptions = [connection.onDidChange(update), store.onDidChange(update), treeView.onDidChangeVisibility(update)];
    this.update();
  }

  /** Called once the step's action really succeeded. */
  complete(step: WalkthroughStep): void {
    if (!this.done.has(step)) {
      this.done.add(step);
      this.setContext(WALKTHROUGH_CONTEXT_KEYS[step], true);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  private update(): void {
    if (this.connection.setting.kind === 'ok') {
      this.complete('configureServer');
    }
    // Data arrived, so the server accepted the key.
    const loaded = this.store.state === 'ok' || this.store.state === 'empty';
    if (loaded) {
      this.complete('setApiKey');
    }
    if (loaded && this.treeView.visible) {
      this.complete('seeMessages');
    }
  }
}
