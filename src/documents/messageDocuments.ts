/**
 * Read-only JSON documents for messages ("Open Message"). A content provider is
 * read-only by nature, and the document keeps its content after the message is
 * acknowledged, because we remember what was opened.
 */
import * as vscode from 'vscode';
import type { ScraperMessage } from '../api/types';

export const MESSAGE_SCHEME = 'scrapehub-message';
/** Opened messages to remember; older ones are re-read from the store or shown as gone. */
const REMEMBERED = 200;

export class MessageDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly opened = new Map<string, ScraperMessage>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(MESSAGE_SCHEME, this);
  }

  uriFor(message: ScraperMessage): vscode.Uri {
    // The id goes in the query, so any characters in it survive; the path is for the tab title.
    const title = `${message.scraperName}-${message.id}`.replace(/[^\w.-]+/g, '_').slice(0, 80);
    return vscode.Uri.from({ scheme: MESSAGE_SCHEME, path: `/${title}.json`, query: encodeURIComponent(message.id) });
  }

  async open(message: ScraperMessage, options: { preview?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    this.remember(message);
    const document = await vscode.workspace.openTextDocument(this.uriFor(message));
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: options.preview ?? true, preserveFocus: options.preserveFocus ?? true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const message = this.opened.get(decodeURIComponent(uri.query));
    if (!message) {
      return `// ${vscode.l10n.t('This message is no longer available in this window.')}\n`;
    }
    return `${JSON.stringify(message, null, 2)}\n`;
  }

  dispose(): void {
    this.registration.dispose();
    this.opened.clear();
  }

  private remember(message: ScraperMessage): void {
    this.opened.delete(message.id);
    this.opened.set(message.id, message);
    if (this.opened.size > REMEMBERED) {
      this.opened.delete(this.opened.keys().next().value!);
    }
  }
}
