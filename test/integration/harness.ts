/**
 * Shared set-up for the integration suite: the real extension (activated in this
 * extension host), the local ScrapeHub server on loopback, and helpers to drive the
 * extension through its commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScraperMessage } from '../../src/api/types';
import type { ScrapeHubExtensionApi } from '../../src/extension';
import type { TestingApi } from '../../src/testing/testingApi';
import type { Notice } from '../../src/ui/notifier';
import type { MessageNode, ScraperNode, TreeNode } from '../../src/views/treeNodes';
import { startScrapeHubServer, type RunningScrapeHubServer, type ScrapeHubServerOptions } from '../server/scrapeHubServer';
import { ScriptedPrompts, type ScriptedAnswer } from '../support/scriptedPrompts';

export const EXTENSION_ID = 'scrapehub.scrapehub-messages';

export async function extensionApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<ScrapeHubExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  assert.ok(api.testing, 'the extension runs in test mode');
  return api.testing;
}

export async function startServer(options: ScrapeHubServerOptions = {}): Promise<RunningScrapeHubServer> {
  return startScrapeHubServer({ seed: 'demo', ...options });
}

export async function setServerUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('scrapehub').update('serverUrl', url, vscode.ConfigurationTarget.Global);
}

/** Runs a command while the extension's questions are answered from `answers`. */
export async function withAnswers<T>(
  api: TestingApi,
  answers: ScriptedAnswer[],
  action: () => Thenable<T>,
): Promise<{ result: T; prompts: ScriptedPrompts }> {
  const prompts = new ScriptedPrompts(answers);
  const restore = api.usePrompts(prompts);
  try {
    const result = await action();
    assert.equal(prompts.remaining, 0, `not every scripted answer was used; asked: ${JSON.stringify(prompts.asked)}`);
    return { result, prompts };
  } finally {
    restore();
  }
}

/** Sets the key the way a user does: "Set API Key…" and typing it into the password box. */
export async function setApiKey(api: TestingApi, key: string): Promise<void> {
  await withAnswers(api, [{ input: key }], () => vscode.commands.executeCommand('scrapehub.setApiKey'));
}

/** Points the extension at `server` with `key` and waits for the first data. */
export async function connect(api: TestingApi, server: RunningScrapeHubServer, key = 'demo-key'): Promise<void> {
  await setServerUrl(server.baseUrl);
  await waitFor(() => api.store.state !== 'noServer' && api.store.state !== 'invalidServer', 'server setting applied');
  await setApiKey(api, key);
  await api.store.refresh({ manual: true });
}

/** Records notifications and answers them with `answer` (default: leave them alone). */
export function recordNotices(api: TestingApi, answer: (notice: Notice) => string | undefined = () => undefined): Notice[] {
  const notices: Notice[] = [];
  api.observeNotifications((notice) => {
    notices.push(notice);
    return answer(notice);
  });
  return notices;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The scraper rows (grouped by scraper), without "Recently Acknowledged". */
/** The pending message the store shows with this id (not hidden, not expired), if any. */
export function shownMessage(api: TestingApi, id: string): ScraperMessage | undefined {
  return api.store
    .groups()
    .flatMap((group) => group.messages)
    .find((message) => message.id === id);
}

export function scraperNodes(api: TestingApi): ScraperNode[] {
  return api.view.provider.getChildren().filter((node): node is ScraperNode => node.kind === 'scraper');
}

export function scraperNode(api: TestingApi, name: string): ScraperNode {
  const node = scraperNodes(api).find((candidate) => candidate.name === name);
  assert.ok(
    node,
    `scraper ${name} is in the tree (have: ${scraperNodes(api)
      .map((n) => n.name)
      .join(', ')})`,
  );
  return node;
}

/** How the tree groups its pending messages now, read from its top-level rows (undefined: no groups). */
export function groupedBy(api: TestingApi): 'scraper' | 'messageType' | undefined {
  const group = api.view.provider.getChildren().find((node) => node.kind === 'scraper' || node.kind === 'type');
  return group === undefined ? undefined : group.kind === 'scraper' ? 'scraper' : 'messageType';
}

export function messageNodes(api: TestingApi, scraper: string): MessageNode[] {
  return api.view.provider.getChildren(scraperNode(api, scraper)) as MessageNode[];
}

export function treeItem(api: TestingApi, node: TreeNode): vscode.TreeItem {
  return api.view.provider.getTreeItem(node);
}

/**
 * The text a tooltip shows: a plain string as is, a MarkdownString's source without its
 * backslash escapes (the extension escapes every ASCII punctuation character).
 */
/** A TreeItem label as text (a TreeItemLabel's own text). */
export function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'object' ? label.label : (label ?? '');
}

export function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string {
  return typeof tooltip === 'object' ? tooltip.value.replace(/\\([!-/:-@[-`{-~])/g, '$1') : (tooltip ?? '');
}

export interface ConnectedSuite {
  api: TestingApi;
  server: RunningScrapeHubServer;
}

/**
 * Registers the hooks most suites share: one local server for the suite, reset and
 * reconnected (with `key`) before each test, notification observers removed after each.
 */
export function connectedSuite(key = 'demo-key'): ConnectedSuite {
  const suite = {} as ConnectedSuite;
  before(async () => {
    suite.api = await extensionApi();
    suite.server = await startServer();
  });
  beforeEach(async () => {
    suite.server.reset();
    await connect(suite.api, suite.server, key);
  });
  afterEach(() => suite.api.observeNotifications(undefined));
  after(async () => {
    await setServerUrl(undefined);
    await suite.server.close();
  });
  return suite;
}
