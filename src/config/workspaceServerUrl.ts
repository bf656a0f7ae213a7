/**
 * Notices a `scrapehub.serverUrl` in a workspace's settings. VS Code already ignores it
 * (the setting is application-scoped, so only user settings count), but silently; a user
 * who cloned a repository that tries to point their key elsewhere should be told.
 * VS Code hides such values from `inspect()`, so the files themselves are read.
 */
import * as vscode from 'vscode';

const SETTING_KEY = '"scrapehub.serverUrl"';

export class WorkspaceServerUrlWatch implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private found = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
    const rescan = () => void this.scan();
    this.subscriptions = [
      watcher,
      watcher.onDidChange(rescan),
      watcher.onDidCreate(rescan),
      watcher.onDidDelete(rescan),
      vscode.workspace.onDidChangeWorkspaceFolders(rescan),
      this.changed,
    ];
    rescan();
  }

  /** True while some workspace settings file sets the server URL (which is ignored). */
  get isPresent(): boolean {
    return this.found;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  private async scan(): Promise<void> {
    const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
    if (vscode.workspace.workspaceFile?.scheme === 'file') {
      files.push(vscode.workspace.workspaceFile);
    }
    const texts = await Promise.all(
      files.map((file) =>
        vscode.workspace.fs.readFile(file).then(
          (bytes) => Buffer.from(bytes).toString('utf8'),
          () => '',
        ),
      ),
    );
    const found = texts.some((text) => text.includes(SETTING_KEY));
    if (found !== this.found) {
      this.found = found;
      this.changed.fire();
    }
  }
}
