/**
 * The only place that touches the API key. Keys live in VS Code SecretStorage under a
 * name that includes the server origin, so a key entered for one server can never be
 * looked up (and sent) for another. SecretStorage change events keep every window in step.
 */
import * as vscode from 'vscode';

const SECRET_PREFIX = 'scrapehub.apiKey:';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose key was set or removed, in this or another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(SECRET_PREFIX)) {
        this.changed.fire(event.key.slice(SECRET_PREFIX.length));
      }
    });
  }

  get(origin: string): Thenable<string | undefined> {
    return this.secrets.get(secretName(origin));
  }

  async has(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
  }

  store(origin: string, apiKey: string): Thenable<void> {
    return this.secrets.store(secretName(origin), apiKey);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(secretName(origin));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function secretName(origin: string): string {
  return `${SECRET_PREFIX}${new URL(origin).origin}`;
}

/** Header values must be visible ASCII; anything else is a paste accident. */
export function validateApiKey(value: string): string | undefined {
  if (value.trim() === '') {
    return vscode.l10n.t('Enter the API key.');
  }
  if (!/^[\x21-\x7e]+$/.test(value.trim())) {
    return vscode.l10n.t('An API key contains only visible ASCII characters, without spaces.');
  }
  if (value.trim().length > 4096) {
    return vscode.l10n.t('That is too long to be an API key.');
  }
  return undefined;
}
