// Bundles the extension into two files:
//   dist/extension.js    the extension (src/extension.ts, the composition root, and all it uses);
//   dist/parseWorker.js  the worker thread that parses large getMessages answers.
//   node esbuild.js               development build (sourcemap, not minified)
//   node esbuild.js --production  minified; fails if a bundle exceeds its size budget
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/**
 * Bytes per output. An extension shares the extension host with every other: stay small.
 * The build fails above these, so growth is a decision, not an accident.
 */
const BUDGETS = {
  // Everything activation loads. Binding every action to its server, confirming unknown
  // outcomes against the server and escaping per sink cost about 10 KB; the three
  // language-model tools (their checks and the texts a model reads) about 16 KB; deep links
  // (strict parser, server match, handler) and the support report (log ring, diagnostics) 12 KB;
  // the real @vscode/l10n 1.1 KB, the node:http transport 1.4 KB, and splitting files by
  // responsibility 1.9 KB (minifying keeps class member names).
  'dist/extension.js': 152 * 1024,
  // The worker thread that parses large answers: the shape checks and nothing else.
  'dist/parseWorker.js': 8 * 1024,
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { extension: 'src/extension.ts', parseWorker: 'src/api/worker/parseWorker.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir: 'dist',
  external: ['vscode'],
  minify: production,
  // "…" and "·" as themselves (3 bytes), not as \u2026 escapes (6).
  charset: 'utf8',
  legalComments: 'none',
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // ofetch's Node build carries a fetch polyfill (node-fetch-native) and an http/https
  // keep-alive agent. VS Code's extension host always has a global fetch with its proxy
  // and system-certificate support, which must be what we use: the "worker" condition
  // selects ofetch's build that only wraps globalThis.fetch.
  conditions: ['worker'],
  // @vscode/l10n's browser build: its Node build reads bundle files with fs, which we never
  // ask it to (the extension hands it VS Code's bundle, see src/l10n/shareBundle.ts); the
  // browser build's only reader is a fetch for bundle URLs, equally unused. Same t() and config().
  alias: { '@vscode/l10n': '@vscode/l10n/dist/browser.js' },
};

function largestInputs(output, count = 8) {
  return Object.entries(output.inputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, count)
    .map(([file, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(7)} B  ${file}`)
    .join('\n');
}

function checkBudgets(metafile) {
  let over = false;
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const output = metafile.outputs[file];
    if (!output) {
      console.error(`${file} was not built`);
      over = true;
      continue;
    }
    const bytes = fs.statSync(file).size;
    if (bytes > budget) {
      console.error(`${file} is ${bytes} bytes, over its ${budget}-byte budget. Largest inputs:\n${largestInputs(output)}`);
      over = true;
    } else {
      console.log(`${file}: ${bytes} bytes (budget ${budget})`);
    }
  }
  if (over) {
    process.exit(1);
  }
}

/** Bundles an older layout left behind would be packaged into the VSIX: start from none. */
function removeOldBundles() {
  for (const file of fs.existsSync('dist') ? fs.readdirSync('dist') : []) {
    if (/\.js(\.map)?$/.test(file)) {
      fs.rmSync(path.join('dist', file));
    }
  }
}

async function main() {
  removeOldBundles();
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log('watching src/ for changes…');
    return;
  }
  const result = await esbuild.build(options);
  if (production) {
    checkBudgets(result.metafile);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
