import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { repoRoot } from './hostPaths';

/**
 * Running the extension in a display language other than English, without shipping a
 * translation: VS Code's pseudo-locale. The host is started with it (codeServer.ts
 * registers an empty language pack so VS Code accepts it), and the extension runs from a
 * copy that has pseudo-translations made by l10n-dev from the English texts ("Refresh" →
 * "Řḗḗƒřḗḗşħ"), so nothing is left behind in the repository or could slip into the VSIX.
 */
export const PSEUDO_LOCALE = 'qps-ploc';

async function readJson(file: string): Promise<Record<string, string>> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>;
}

/** Copies what the extension needs at run time into `dir`, plus pseudo-translations. Returns `dir`. */
export async function pseudoLocalisedExtensionCopy(dir: string): Promise<string> {
  for (const entry of [
    'package.json',
    'package.nls.json',
    'dist/extension.js',
    'dist/parseWorker.js',
    'l10n/bundle.l10n.json',
    'media/scrapehub.svg',
    'media/icon.png',
  ]) {
    await fs.mkdir(path.dirname(path.join(dir, entry)), { recursive: true });
    await fs.copyFile(path.join(repoRoot, entry), path.join(dir, entry));
  }
  const bundle = getL10nPseudoLocalized(await readJson(path.join(repoRoot, 'l10n', 'bundle.l10n.json')));
  const manifest = getL10nPseudoLocalized(await readJson(path.join(repoRoot, 'package.nls.json')));
  await fs.writeFile(path.join(dir, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`), JSON.stringify(bundle, null, 2));
  await fs.writeFile(path.join(dir, `package.nls.${PSEUDO_LOCALE}.json`), JSON.stringify(manifest, null, 2));
  return dir;
}
