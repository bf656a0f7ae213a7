/**
 * Named to sort first: it must see the extension before anything else activated it or
 * loaded its core (the runner adds the files in name order, all into one extension host).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './harness';

describe('lazy activation', () => {
  it('activation loads only dist/extension.js; the core loads when the view is first drawn', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    if (extension.isActive) {
      assert.fail('the extension was already active: this suite must run first (SCRAPEHUB_TEST_GREP excludes it only when it is not selected)');
    }
    const coreFile = path.join(extension.extensionPath, 'dist', 'core.js');
    const entryFile = path.join(extension.extensionPath, 'dist', 'extension.js');
    await extension.activate();
    assert.ok(require.cache[entryFile], 'the entry is loaded');
    assert.equal(require.cache[coreFile], undefined, 'activation alone did not load dist/core.js');
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((command) => command.command);
    assert.ok(contributed.length > 0);
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'every command is registered before the core loads');

    await vscode.commands.executeCommand('scrapehub.messages.focus');
    await waitFor(() => require.cache[coreFile] !== undefined, 'dist/core.js loaded to draw the view');
  });
});
