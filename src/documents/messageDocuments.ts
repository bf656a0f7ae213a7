/**
 * Read-only JSON documents for messages ("Open Message"). A content provider is
 * read-only by nature, and the document keeps its content after the message is
 * acknowledged, because we remember what was opened. Documents are keyed by the server's
 * origin and the id: two servers can both have a message "m-1", and one's JSON must never
 * stand in for the other's.
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

  /** `origin`: the server that listed the message. */
  uriFor(origin: string, message: ScraperMessage): vscode.Uri {
    // Server and id go in the query, so any characters in them survive; the path is for the tab title.
    const title = `${message.scraperName}-${message.id}`.replace(/[^\w.-]+/g, '_').slice(0, 80);
    return vscode.Uri.from({
      scheme: MESSAGE_SCHEME,
      path: `/${title}.json`,
      query: new URLSearchParams({ server: origin, id: message.id }).toString(),
    });
  }

  async open(
    origin: string,
    message: ScraperMessage,
    options: { preview?: boolean; preserveFocus?: boolean } = {},
  ): Promise<vscode.TextEditor> {
    const uri = this.uriFor(origin, message);
    this.remember(keyOf(uri), message);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: options.preview ?? true, preserveFocus: options.preserveFocus ?? true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const message = this.opened.get(keyOf(uri));
    if (!message) {
      return `// ${vscode.l10n.t('This message is no longer available in this window.')}\n`;
    }
    return `${JSON.stringify(message, null, 2)}\n`;
  }

  dispose(): void {
    this.registration.dispose();
    this.opened.clear();
  }

  private remember(key: string, message: ScraperMessage): void {
    this.opened.delete(key);
    this.opened.set(key, message);
    if (this.opened.size > REMEMBERED) {
      this.opened.delete(this.opened.keys().next().value!);
    }
  }
}

function keyOf(uri: vscode.Uri): string {
  const query = new URLSearchParams(uri.query);
  return JSON.stringify([query.get('server'), query.get('id')]);
}
