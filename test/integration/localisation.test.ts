import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, connectedSuite, messageNodes, treeItem } from './harness';

/**
 * Runs twice: in the normal (English) run, and once more by runIntegrationTests with the
 * display language set to the pseudo-locale, against a copy of the extension that carries
 * pseudo-translations ("Refresh" → "Řḗḗƒřḗḗşħ"). In that run every text checked here must
 * come from the translations: VS Code's for package.json, vscode.l10n for the UI code, and
 * the same bundle passed on to the code that cannot import vscode.
 */
describe('Localisation', () => {
  const suite = connectedSuite();
  const locale = process.env.SCRAPEHUB_TEST_LOCALE;
  const extension = (): vscode.Extension<unknown> => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found);
    return found;
  };
  /** The translations the run uses: the English texts themselves when there is no locale. */
  const translations = (file: string, english: string): Record<string, string> => {
    const translated = locale && path.join(extension().extensionPath, file.replace('*', locale));
    return JSON.parse(fs.readFileSync(translated || path.join(extension().extensionPath, english), 'utf8')) as Record<string, string>;
  };
  /** The fixed text of a translated message, placeholders removed: what must show up. */
  const fixedParts = (message: string): string[] =>
    message
      .split(/\{\d+\}/)
      .map((part) => part.trim())
      .filter((part) => part.length > 1);

  it('runs in the display language the host was started with', () => {
    assert.equal(vscode.env.language, locale ?? 'en');
  });

  it('shows package.json texts from package.nls.json (or its translation)', () => {
    const nls = translations('package.nls.*.json', 'package.nls.json');
    // A translated command title arrives as { value, original } (the palette shows both).
    type Text = string | { value: string; original: string };
    const shown = (text: Text | undefined): string | undefined => (typeof text === 'object' ? text.value : text);
    const manifest = extension().packageJSON as {
      displayName: string;
      contributes: { commands: Array<{ command: string; title: Text; category: Text }> };
    };
    assert.equal(manifest.displayName, nls.displayName);
    const refresh = manifest.contributes.commands.find((command) => command.command === 'scrapehub.refresh');
    assert.equal(shown(refresh?.title), nls['command.refresh.title']);
    assert.equal(shown(refresh?.category), nls['category.ScrapeHub']);
    if (locale) assert.notEqual(shown(refresh?.title), 'Refresh');
  });

  it('shows tree texts from the l10n bundle, in the UI code and in the code without vscode', () => {
    const bundle = translations('l10n/bundle.l10n.*.json', 'l10n/bundle.l10n.json');
    const kill = messageNodes(suite.api, 'acme-prices').find((node) => node.message.messageType === 'KILL_REQUEST');
    assert.ok(kill);
    const label = treeItem(suite.api, kill).accessibilityInformation?.label ?? '';
    // "{0} for {1}: {2}" and "{0} old" come from src/views (vscode.l10n); "{0} minutes" from
    // src/model/timeText.ts (@vscode/l10n, given VS Code's bundle at activation).
    for (const key of ['{0} for {1}: {2}', '{0} old', 'expires in {0}', '{0} minutes']) {
      assert.ok(bundle[key], `the bundle has "${key}"`);
      for (const part of fixedParts(bundle[key])) assert.ok(label.includes(part), `"${label}" contains "${part}" (from "${key}")`);
    }
    if (!locale) assert.match(label, /^KILL_REQUEST for acme-prices: stop: site maintenance, \d+ minutes old, expires in \d+ minutes$/);
    const badge = suite.api.view.treeView.badge?.tooltip ?? '';
    for (const part of fixedParts(bundle['{0} pending messages'])) assert.ok(badge.includes(part), `badge "${badge}" contains "${part}"`);
  });
});
