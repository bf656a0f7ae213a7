/** Shows the active server's name next to the view title: "MESSAGES  prod". */
import type * as vscode from 'vscode';
import type { ActiveServerName } from '../state/activeServerName';
import { plainText } from '../util/untrustedText';
import type { TreeNode } from './treeNodes';

export class ServerInViewTitle implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly treeView: vscode.TreeView<TreeNode>,
    private readonly serverName: ActiveServerName,
  ) {
    this.subscription = serverName.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private update(): void {
    const name = this.serverName.name;
    // Drawn as plain text: only controls and bidi characters need to go.
    this.treeView.description = name === undefined ? undefined : plainText(name, 60);
  }
}
