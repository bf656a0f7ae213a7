// Bundles the extension into dist/extension.js.
//   node esbuild.js               development build (sourcemap, not minified)
//   node esbuild.js --production  minified; fails if the bundle exceeds its size budget
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/**
 * Bytes. An extension shares the extension host with every other: stay small. The build
 * fails above this, so growth is a decision, not an accident.
 */
const BUNDLE_BUDGET = 72 * 1024;

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // ofetch's Node build carries a fetch polyfill (node-fetch-native) and an http/https
  // keep-alive agent. VS Code's extension host always has a global fetch with its proxy
  // and system-certificate support, which must be what we use: the "worker" condition
  // selects ofetch's build that only wraps globalThis.fetch.
  conditions: ['worker'],
  // Code without 'vscode' localises with @vscode/l10n's API; ship only the part we use.
  alias: { '@vscode/l10n': './src/l10n/l10nLite.ts' },
};

function largestInputs(metafile, count = 8) {
  const output = metafile.outputs[path.posix.normalize(options.outfile)] ?? Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, count)
    .map(([file, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(7)} B  ${file}`)
    .join('\n');
}

function checkBudget(metafile) {
  const bytes = require('node:fs').statSync(options.outfile).size;
  if (bytes > BUNDLE_BUDGET) {
    console.error(`dist/extension.js is ${bytes} bytes, over the ${BUNDLE_BUDGET}-byte budget. Largest inputs:\n${largestInputs(metafile)}`);
    process.exit(1);
  }
  console.log(`dist/extension.js: ${bytes} bytes (budget ${BUNDLE_BUDGET})`);
}

async function main() {
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log('watching src/ for changes…');
    return;
  }
  const result = await esbuild.build(options);
  if (production) {
    checkBudget(result.metafile);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
