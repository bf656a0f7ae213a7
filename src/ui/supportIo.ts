/** What the support report hands to VS Code: its issue reporter and a save dialog. */
import * as vscode from 'vscode';

/** The arguments `workbench.action.openIssueReporter` reads (VS Code 1.95 and later). */
export interface IssueReporterArgs {
  extensionId: string;
  issueTitle?: string;
  issueBody: string;
}

export interface SupportIo {
  openIssueReporter(args: IssueReporterArgs): Thenable<unknown>;
  /** Where to save a file named `fileName`, or undefined when the user cancelled. */
  chooseSaveFile(fileName: string, title: string): Thenable<vscode.Uri | undefined>;
}

export const vsCodeSupportIo: SupportIo = {
  openIssueReporter: (args) => vscode.commands.executeCommand('workbench.action.openIssueReporter', args),
  chooseSaveFile: (fileName, title) => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      title,
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { Markdown: ['md'] },
    });
  },
};
