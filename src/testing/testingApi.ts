/**
 * Hooks for the integration suite, exported from activate() only in ExtensionMode.Test
 * (never in an installed extension, where another extension could otherwise reach them).
 * They let a test answer prompts and notifications that a person would answer by typing
 * or clicking, and look at the tree as VS Code sees it.
 */
import type * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import type { Tools } from '../tools/createTools';
import type { MessageStore } from '../state/messageStore';
import type { NoticeObserver } from '../ui/notifier';
import type { Prompts } from '../ui/prompts';
import type { SupportIo } from '../ui/supportIo';
import type { MessagesView } from '../views/messagesView';
import type { WalkthroughProgress } from '../views/walkthroughProgress';

export interface TestingApi {
  readonly store: MessageStore;
  readonly view: MessagesView;
  /** The URI handler VS Code calls for a deep link, resolving when it has finished. */
  readonly handleUri: (uri: vscode.Uri) => Promise<void>;
  /** Replaces the issue reporter and the save dialog; returns a function that restores the real ones. */
  useSupportIo(io: SupportIo): () => void;
  /** Replaces the prompts; returns a function that restores the real ones. */
  usePrompts(prompts: Prompts): () => void;
  /** Observes (and may answer) every notification. Pass undefined to stop. */
  observeNotifications(observer: NoticeObserver | undefined): void;
  readonly unsentDraft: CommandContext['unsentDraft'];
  /** Every line written to the ScrapeHub log channel since activation. */
  readonly logLines: readonly string[];
  /** The extension's global state, shared with its other windows. */
  readonly globalState: vscode.Memento;
  readonly statusBar: vscode.StatusBarItem;
  /** The real context VS Code activated us with: `npm run bench` re-activates with it. */
  readonly extensionContext: vscode.ExtensionContext;
  /** Replaces the walkthrough progress the commands report to; returns a function that restores the real one. */
  useWalkthrough(progress: WalkthroughProgress): () => void;
  /** For driving a bulk acknowledgement with a cancellation token of the test's own. */
  readonly acknowledger: CommandContext['acknowledger'];
  readonly connection: CommandContext['connection'];
  /** Where keys are stored under the names this host gives them (a remote host scopes loopback keys). */
  readonly keys: CommandContext['keys'];
  /** The very tool objects registered with vscode.lm (their prepareInvocation included), and the KILL tokens' clock. */
  readonly tools: Tools;
}

/** Objects the composition root owns that tests may look at. */
export type TestingExtras = Pick<TestingApi, 'tools' | 'handleUri' | 'logLines' | 'globalState' | 'statusBar' | 'extensionContext'>;

export function createTestingApi(context: CommandContext, extras: TestingExtras): TestingApi {
  return {
    ...extras,
    store: context.store,
    view: context.view,
    acknowledger: context.acknowledger,
    connection: context.connection,
    keys: context.keys,
    useSupportIo(io) {
      const previous = context.support;
      context.support = io;
      return () => (context.support = previous);
    },
    usePrompts(prompts) {
      const previous = context.prompts;
      context.prompts = prompts;
      return () => (context.prompts = previous);
    },
    useWalkthrough(progress) {
      const previous = context.walkthrough;
      context.walkthrough = progress;
      return () => (context.walkthrough = previous);
    },
    observeNotifications: (observer) => context.notifier.observe(observer),
    get unsentDraft() {
      return context.unsentDraft;
    },
  };
}
