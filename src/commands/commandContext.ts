/** What every command handler may use; built once in extension.ts. */
import type * as vscode from 'vscode';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { Settings } from '../config/settings';
import type { MessageDocuments } from '../documents/messageDocuments';
import type { SendDraft } from '../model/sendDraft';
import type { SentMessages } from '../model/sentMessages';
import type { Acknowledger } from '../state/acknowledger';
import type { MessageStore } from '../state/messageStore';
import type { RecentlyAcknowledged } from '../state/recentlyAcknowledged';
import type { ServerConnection } from '../state/serverConnection';
import type { Notifier } from '../ui/notifier';
import type { Prompts } from '../ui/prompts';
import type { MessagesView } from '../views/messagesView';
import type { RecentLog } from '../util/recentLog';
import type { WalkthroughProgress } from '../views/walkthroughProgress';
import type { SupportIo } from '../ui/supportIo';

export interface CommandContext {
  /** This extension: `id` (publisher.name) is where links go and what the issue reporter preselects. */
  readonly extension: { readonly id: string; readonly version: string; readonly hostKind: 'ui' | 'workspace' };
  /** The last log lines, kept in memory for the support report. */
  readonly recentLog: RecentLog;
  readonly settings: Settings;
  readonly keys: ApiKeyStore;
  readonly connection: ServerConnection;
  readonly store: MessageStore;
  readonly view: MessagesView;
  readonly acknowledger: Acknowledger;
  /** Messages sent from this window, which new-message alerts leave out. */
  readonly sentHere: SentMessages;
  /** What this user acknowledged in this window ("Recently Acknowledged"). */
  readonly recentAcks: RecentlyAcknowledged;
  readonly documents: MessageDocuments;
  readonly notifier: Notifier;
  readonly log: vscode.LogOutputChannel;
  /** Ticks the Get Started walkthrough's steps when their action succeeded. */
  walkthrough: WalkthroughProgress;
  /** Replaceable only in the extension's test mode. */
  prompts: Prompts;
  /** The issue reporter and the save dialog; replaceable only in the extension's test mode. */
  support: SupportIo;
  /** A Send Message draft kept after a failure or cancellation, so nothing typed is lost. */
  unsentDraft: SendDraft | undefined;
}
