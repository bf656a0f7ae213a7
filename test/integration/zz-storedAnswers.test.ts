/**
 * Named to sort last: it activates the extension afresh (as VS Code does on a reload),
 * which leaves the earlier activation's objects disposed.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ScrapeHubExtensionApi } from '../../src/extension';
import { extensionApi, waitFor } from './harness';

describe('No account data at rest', () => {
  it('activation deletes the answers earlier builds shared between windows through globalState', async () => {
    const api = await extensionApi();
    const context = api.extensionContext;
    const origin = 'https://scrapehub.example.com';
    await context.globalState.update(`scrapehub.lastAnswer:${origin}`, {
      fetchedAt: 1,
      messages: [],
      user: { username: 'ada', email: 'ada@example.com', roles: ['admin'] },
    });
    await context.globalState.update(`scrapehub.lastPoll:${origin}`, { at: 1, by: 'another-window' });
    await context.globalState.update('unrelated.key', 'kept');
    try {
      for (const disposable of context.subscriptions.splice(0)) {
        disposable.dispose();
      }
      const entryFile = require.resolve(path.join(context.extensionPath, 'dist', 'extension.js'));
      delete require.cache[entryFile];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(entryFile) as { activate(context: vscode.ExtensionContext): ScrapeHubExtensionApi };
      entry.activate(context);
      await waitFor(
        () => !context.globalState.keys().some((key) => key.startsWith('scrapehub.last')),
        `shared answers deleted (left: ${context.globalState.keys().join(', ')})`,
      );
      assert.equal(context.globalState.get('unrelated.key'), 'kept', 'other keys are left alone');
    } finally {
      await context.globalState.update('unrelated.key', undefined);
    }
  });
});
