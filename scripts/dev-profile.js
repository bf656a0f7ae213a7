// Prepares the VS Code profiles .vscode/launch.json starts: the quiet settings the test
// hosts use (out/test/host/userSettings.js, from `npm run compile-tests`), plus for F5
// ("Run Extension") scrapehub.serverUrl pointing at the demo server. The server URL is
// read from user settings only (a workspace cannot set it), so it goes into the profile's
// User/settings.json. Without --fresh, other settings and the API key the profile's
// secret storage holds survive from one F5 to the next.
//   node scripts/dev-profile.js <user-data-dir> [--server-url <url>] [--fresh]
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'server-url': { type: 'string' }, fresh: { type: 'boolean', default: false } },
});
const [userDataDir] = positionals;
if (!userDataDir) {
  console.error('usage: node scripts/dev-profile.js <user-data-dir> [--server-url <url>] [--fresh]');
  process.exit(2);
}
if (values.fresh) fs.rmSync(userDataDir, { recursive: true, force: true });
const file = path.join(userDataDir, 'User', 'settings.json');
const { quietUserSettings } = require(path.join(__dirname, '..', 'out', 'test', 'host', 'userSettings.js'));
let settings = { ...quietUserSettings };
try {
  settings = { ...settings, ...JSON.parse(fs.readFileSync(file, 'utf8')) };
} catch {
  // no settings yet, or edited into JSON with comments: start again from the quiet ones
}
if (values['server-url']) settings['scrapehub.serverUrl'] = values['server-url'];
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
console.log(`${file} written${values['server-url'] ? `: scrapehub.serverUrl = ${values['server-url']}` : ''}`);
