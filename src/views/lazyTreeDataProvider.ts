/**
 * A TreeDataProvider that stands in for one not built yet. The TreeView must exist from
 * activation on, but what draws it (store, client, tree model) is only loaded when VS Code
 * first asks for a row — which is when it is needed, not when the extension activates.
 */
import * as vscode from 'vscode';

export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<T>) {}

  /** The real provider, loading it on first use. */
  get provider(): vscode.TreeDataProvider<T> {
    if (!this.target) {
      this.target = this.load();
      this.forwarding = this.target.onDidChangeTreeData?.((change) => this.changed.fire(change ?? undefined));
    }
    return this.target;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider.getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider.getChildren(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider.getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.provider.resolveTreeItem ? this.provider.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
