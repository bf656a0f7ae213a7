/**
 * New-message alerts: after a refresh brings messages that were not there before, one
 * notification (never more per refresh) summarises those of the types the user chose in
 * `scrapehub.alerts.messageTypes`, with Show and Acknowledge. Nothing is announced for
 * the first answer after activation or a server/key change (those messages did not
 * arrive, they were there), for messages sent from this window, for messages being
 * acknowledged, or twice for the same id. Its Acknowledge button is bound to the server the
 * messages came from: after a server or key change it is refused, never re-targeted.
 */
import * as vscode from 'vscode';
import { compareNewestFirst } from '../model/messageGroups';
import type { ScraperMessage } from '../api/types';
import { acknowledgeAndReport } from '../commands/ackReport';
import type { CommandContext } from '../commands/commandContext';
import { reportError } from '../commands/errorReporting';
import { ArrivalTracker } from '../model/arrivals';
import { VIEW_ID } from '../contributions/viewId';
import { acknowledgeLabel, alertText, showLabel } from './alertText';

export class NewMessageAlerts implements vscode.Disposable {
  private readonly arrivals = new ArrivalTracker();
  /** The answer last looked at, so events that are not a new answer (hide, expiry) are ignored. */
  private lastFetchedAt: number | undefined;
  /** Arrived but not yet announced: held back while a send of ours may be among them. */
  private waiting: ScraperMessage[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly context: CommandContext) {
    this.subscriptions = [
      context.connection.onDidChange(() => this.reset()),
      context.store.onDidChange(() => this.onStoreChanged()),
      context.sentHere.onSettled(() => this.announce()),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
  }

  private reset(): void {
    this.arrivals.reset();
    this.lastFetchedAt = undefined;
    this.waiting = [];
  }

  private onStoreChanged(): void {
    const snapshot = this.context.store.lastAnswer;
    if (!snapshot || snapshot.fetchedAt === this.lastFetchedAt) {
      return;
    }
    this.lastFetchedAt = snapshot.fetchedAt;
    // Tracked whatever the setting says, so turning a type on later does not announce old messages.
    this.waiting.push(...this.arrivals.observe(snapshot.messages));
    this.announce();
  }

  private announce(): void {
    const { store, sentHere, settings, notifier, log, connection } = this.context;
    // The alert's messages are this server's: its Acknowledge button acts there or nowhere, however long it waits.
    const server = connection.active;
    if (this.waiting.length === 0 || sentHere.sending || !server) {
      return;
    }
    const arrived = this.waiting;
    this.waiting = [];
    const types = settings.alertedMessageTypes();
    const candidates = arrived.filter((message) => !sentHere.claims(message) && types.has(message.messageType));
    if (candidates.length === 0) {
      return; // The usual case: nothing new of an alerted type. Skips indexing every pending message.
    }
    // Pending and shown: not expired meanwhile, not hidden because it is being acknowledged.
    const shown = new Set(store.groups().flatMap((group) => group.messages.map((message) => message.id)));
    const alerted = candidates.filter((message) => shown.has(message.id)).sort(compareNewestFirst);
    if (alerted.length === 0) {
      return;
    }
    log.info(`[alerts] ${alerted.length} new: ${alerted.map((message) => message.id).join(', ')}`);
    const show = showLabel();
    const acknowledge = acknowledgeLabel(alerted.length);
    void Promise.resolve(notifier.show('info', alertText(alerted), show, acknowledge)).then((choice) => {
      if (choice === show) {
        return this.run(vscode.l10n.t('Could not show the message'), () => this.show(alerted));
      }
      if (choice === acknowledge) {
        // The button names what it acknowledges, like the ✓ on a selection: no second question.
        return this.run(vscode.l10n.t('Could not acknowledge'), () => acknowledgeAndReport(this.context, server, alerted));
      }
      return undefined;
    });
  }

  /** Opens the view and selects the newest of the alerted messages still pending. */
  private async show(messages: readonly ScraperMessage[]): Promise<void> {
    const { view } = this.context;
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (await this.revealFirst(messages)) {
      return;
    }
    if (view.provider.filter) {
      // The user asked to see these messages: a filter that hides them gives way.
      view.setFilter(undefined);
      if (await this.revealFirst(messages)) {
        return;
      }
    }
    this.context.notifier.show(
      'info',
      messages.length === 1 ? vscode.l10n.t('That message is no longer pending.') : vscode.l10n.t('Those messages are no longer pending.'),
    );
  }

  private async revealFirst(messages: readonly ScraperMessage[]): Promise<boolean> {
    for (const message of messages) {
      if (await this.context.view.revealMessage(message.id)) {
        return true;
      }
    }
    return false;
  }

  private async run(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      void reportError(this.context, what, error);
    }
  }
}
