/**
 * The only place that touches the API key. Keys live in VS Code SecretStorage under a
 * name that includes the server origin, so a key entered for one server can never be
 * looked up (and sent) for another. SecretStorage change events keep every window in step.
 *
 * SecretStorage is shared by local and remote windows, but a plain-http (loopback) origin
 * is a different machine in each: in a remote extension host its keys are also named by
 * the remote, so a key entered for the user's own localhost is never sent to a remote
 * machine's localhost, and the prompt names the machine that will receive it.
 *
 * Reads are remembered until that secret changes: every request needs the key, and in a
 * remote or web window each SecretStorage read is a round trip to the user's machine.
 */
import * as vscode from 'vscode';

const SECRET_PREFIX = 'scrapehub.apiKey:';
const REMOTE_SEPARATOR = '@remote=';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose key was set or removed, in this or another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** By secret name; a read still on its way is shared, and dropped as soon as that secret changes. */
  private readonly reads = new Map<string, Thenable<string | undefined>>();

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
      this.reads.delete(event.key);
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
    const name = this.secretName(origin);
    let read = this.reads.get(name);
    if (!read) {
      read = this.secrets.get(name);
      this.reads.set(name, read);
      // A failed read is not remembered.
      read.then(undefined, () => this.reads.get(name) === read && this.reads.delete(name));
    }
    return read;
  }

  async has(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
  }

  store(origin: string, apiKey: string): Promise<void> {
    return this.change(this.secretName(origin), (name) => this.secrets.store(name, apiKey));
  }

  delete(origin: string): Promise<void> {
    return this.change(this.secretName(origin), (name) => this.secrets.delete(name));
  }

  dispose(): void {
    this.reads.clear();
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Forgets the remembered read before and after: a read made meanwhile may predate the change. */
  private async change(name: string, write: (name: string) => Thenable<void>): Promise<void> {
    this.reads.delete(name);
    try {
      await write(name);
    } finally {
      this.reads.delete(name);
    }
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
