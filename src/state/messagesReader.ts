/**
 * How a refresh reads the server: user settings and messages asked at once, user settings
 * re-read only when old (or on a manual refresh), and no request before the server's
 * Retry-After allows.
 */
import type * as vscode from 'vscode';
import type { MessagesAnswer } from '../api/allMessages';
import type { ScrapeHubError } from '../api/errors';
import type { UserSettings } from '../api/types';
import type { Clock } from '../util/clock';
import { boundedRetryAfter } from './pollSchedule';
import type { ActiveServer } from './serverConnection';

/** userSettings changes rarely; re-read it now and then, and on every manual refresh. */
const USER_SETTINGS_MAX_AGE_MS = 5 * 60_000;

export class MessagesReader {
  /** From the server's Retry-After: no request of ours goes out before this time. */
  private notBefore = 0;
  private userFetchedAt = 0;
  private forceUserReload = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: Clock,
  ) {}

  /** When the server's Retry-After allows the next request (0: now). */
  get retryNotBefore(): number {
    return this.notBefore;
  }

  /** The next read asks for the user settings however recent they are. */
  reloadUser(): void {
    this.forceUserReload = true;
  }

  /**
   * Both requests go out at once: the messages need the user's assignments only from a
   * strict server (to ask per scraper), and then they wait for them. `cachedUser`: the
   * user settings held, used while recent enough.
   */
  async read(
    server: ActiveServer,
    cachedUser: UserSettings | undefined,
    knownScraperNames: () => string[],
    signal: AbortSignal,
  ): Promise<{ user: UserSettings; answer: MessagesAnswer }> {
    const userRead = this.readUser(server, cachedUser, signal);
    const known = async () => [...((await userRead).scraperAssignments ?? []), ...knownScraperNames()];
    const messagesRead = server.allMessages.fetch(known, { signal });
    void messagesRead.catch(() => undefined); // When both fail, the user settings' failure is the one reported.
    const user = await userRead;
    const answer = await messagesRead;
    this.notBefore = 0;
    return { user, answer };
  }

  /** Waits as long as the failed request's Retry-After asks (bounded). */
  failed(failure: ScrapeHubError): void {
    const wait = boundedRetryAfter(failure.retryAfterMs);
    if (wait > 0) {
      this.notBefore = this.clock.now() + wait;
      this.log.info(`[store] the server asked to wait ${Math.ceil(wait / 1000)} s before the next request`);
    }
  }

  /** Another server: nothing it said applies. */
  reset(): void {
    this.notBefore = 0;
    this.userFetchedAt = 0;
  }

  private async readUser(server: ActiveServer, cached: UserSettings | undefined, signal: AbortSignal): Promise<UserSettings> {
    if (cached && !this.forceUserReload && this.clock.now() - this.userFetchedAt < USER_SETTINGS_MAX_AGE_MS) {
      return cached;
    }
    this.forceUserReload = false;
    const user = await server.client.getUserSettings({ signal });
    this.userFetchedAt = this.clock.now();
    return user;
  }
}
