/**
 * With `debugId` in the payload, the workbench re-logs extension-host console output as
 * `console.log('%c[Extension Host] %c' + format, 'color: blue', 'color: ', ...args)`
 * (or `'%c[Extension Host]%'` when the first argument is not a string). Everything else in
 * the page console is workbench noise (gallery errors, 404s, service-worker info).
 * The text arrives formatted by Node's format(), which implements the same %s/%d/%c/%o
 * substitutions as the browser console, so `%c` and its CSS argument are already gone.
 */
const extensionHostPrefix = /^\[Extension Host\]%? ?/;

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Mocha's colours help in a terminal but clutter CI logs and files. */
function keepColours(): boolean {
  if (process.env.NO_COLOR) return false;
  return Boolean(process.env.FORCE_COLOR) || process.stdout.isTTY === true;
}

/** Prints the extension host's lines among the page's console messages to stdout. */
export function createExtensionHostConsolePrinter(): (text: string) => void {
  const colours = keepColours();
  return (text) => {
    if (!extensionHostPrefix.test(text)) return;
    const line = text.replace(extensionHostPrefix, '');
    process.stdout.write((colours ? line : stripAnsi(line)) + '\n');
  };
}
