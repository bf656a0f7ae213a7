/**
 * The only place that touches the API key. Keys live in VS Code SecretStorage under a
 * name that includes the server origin, so a key entered for one server can never be
 * looked up (and sent) for another. SecretStorage change events keep every window in step.
 *
 * SecretStorage is shared by local and remote windows, but a plain-http (loopback) origin
 * is a different machine in each: in a remote extension host its keys are also named by
 * the remote, so a key entered for the user's own localhost is never sent to a remote
 * machine's localhost, and the prompt names the machine that will receive it.
 */
import * as vscode from 'vscode';

const SECRET_PREFIX = 'scrapehub.apiKey:';
const REMOTE_SEPARATOR = '@remote=';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose key was set or removed, in this or another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /**
   * `remoteName`: the remote whose extension host this runs in (undefined when it runs on
   * the user's machine); it scopes the keys of plain-http origins.
   */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly remoteName?: string,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (!event.key.startsWith(SECRET_PREFIX)) {
        return;
      }
      const origin = event.key.slice(SECRET_PREFIX.length).split(REMOTE_SEPARATOR)[0];
      if (this.secretName(origin) === event.key) {
        this.changed.fire(origin);
      }
    });
  }

  /** The machine a loopback origin's key goes to, when that is not the user's own. */
  remoteMachineOf(origin: string): string | undefined {
    return this.remoteName !== undefined && new URL(origin).protocol === 'http:' ? this.remoteName : undefined;
  }

  get(origin: string): Thenable<string | undefined> {
    return this.secrets.get(this.secretName(origin));
  }

  async has(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
  }

  store(origin: string, apiKey: string): Thenable<void> {
    return this.secrets.store(this.secretName(origin), apiKey);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(this.secretName(origin));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private secretName(origin: string): string {
    const normalised = new URL(origin).origin;
    const remote = this.remoteMachineOf(normalised);
    return `${SECRET_PREFIX}${normalised}${remote === undefined ? '' : `${REMOTE_SEPARATOR}${remote}`}`;
  }
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
