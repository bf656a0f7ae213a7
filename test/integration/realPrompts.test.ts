import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VsCodePrompts } from '../../src/ui/vscodePrompts';
import { connect, connectedSuite, messageNodes, recordNotices, waitFor } from './harness';

/**
 * The other suites answer questions through the test-mode prompts. These run the real
 * quick input of VS Code and press Enter (accept) or Escape (close) on it, as a keyboard
 * user would, to prove the production prompts work in the workbench.
 */
describe('Real quick input', () => {
  const suite = connectedSuite();

  /** Presses a quick-input key repeatedly until the command finishes (the input opens asynchronously). */
  async function pressUntilDone(
    command: Thenable<unknown>,
    key: 'workbench.action.acceptSelectedQuickOpenItem' | 'workbench.action.closeQuickOpen',
  ): Promise<number> {
    let settled = false;
    const done = Promise.resolve(command).finally(() => (settled = true));
    let presses = 0;
    const deadline = Date.now() + 10_000;
    while (!settled) {
      assert.ok(Date.now() < deadline, 'the command did not finish');
      await vscode.commands.executeCommand(key);
      presses += 1;
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    await done;
    return presses;
  }

  it('Open Message from the palette: Enter picks the first message and opens it', async () => {
    const first = suite.api.view.provider.allMessageNodes()[0].message;
    await pressUntilDone(vscode.commands.executeCommand('scrapehub.openMessage'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { id: string }).id, first.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Configure Server: Enter keeps the prefilled URL and, on an empty key box, the stored key', async () => {
    const before = vscode.workspace.getConfiguration('scrapehub').get('serverUrl');
    await pressUntilDone(vscode.commands.executeCommand('scrapehub.configureServer'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(vscode.workspace.getConfiguration('scrapehub').get('serverUrl'), before);
    await suite.api.store.refresh({ manual: true });
    assert.equal(suite.api.store.state, 'ok', 'the stored key still works');
    assert.equal(suite.server.requests.at(-1)?.apiKey, 'demo-key');
  });

  it('Escape on the send flow sends nothing', async () => {
    await pressUntilDone(vscode.commands.executeCommand('scrapehub.sendMessage'), 'workbench.action.closeQuickOpen');
    assert.equal(suite.server.requests.filter((r) => r.path === '/sendMessage').length, 0);
    assert.ok(messageNodes(suite.api, 'acme-prices').length > 0);
  });

  describe('typing or pasting and pressing Enter at once', () => {
    type Shown = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
    /**
     * The production prompts (this suite's compiled copy), told of each quick input they
     * show. Setting `value` from here reaches the workbench as a paste does, and Enter is
     * pressed before the extension has seen the new text: the list still shows the items
     * of the text before, as when a fast user types and presses Enter.
     */
    async function typeAndEnter(command: () => Thenable<unknown>, answers: string[]): Promise<Shown[]> {
      const shown: Shown[] = [];
      const restore = suite.api.usePrompts(new VsCodePrompts((input) => shown.push(input)));
      try {
        const done = Promise.resolve(command());
        for (const [index, text] of answers.entries()) {
          await waitFor(() => shown.length > index, `question ${index + 1} shown`);
          await new Promise((resolve) => setTimeout(resolve, 150)); // drawn in the workbench
          shown[index].value = text;
          void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
        await done;
        return shown;
      } finally {
        restore();
      }
    }
    const posted = () => suite.server.requests.filter((r) => r.path === '/sendMessage').map((r) => r.body);

    it('a typed scraper name is taken though a listed one matched it, and typed START chooses START', async () => {
      await connect(suite.api, suite.server, 'admin-key');
      recordNotices(suite.api);
      const shown = await typeAndEnter(
        () => vscode.commands.executeCommand('scrapehub.sendMessage'),
        ['news', 'START', 'pasted text', 'Never'],
      );
      assert.match(shown[1].title ?? '', /^Send Message to news · /);
      assert.deepEqual(posted(), [{ scraperName: 'news', messageType: 'START', message: 'pasted text' }]);
    });

    it('typing start in the type step chooses START, not the item whose detail mentions it', async () => {
      recordNotices(suite.api);
      await typeAndEnter(() => vscode.commands.executeCommand('scrapehub.sendMessage'), ['acme-prices', 'start', '', 'Never']);
      assert.deepEqual(posted(), [{ scraperName: 'acme-prices', messageType: 'START' }]);
    });
  });
});
