import type { ConsoleMessage } from 'playwright-core';
import { format } from 'node:util';

/**
 * With `debugId` in the payload, the workbench re-logs extension-host console output as
 * `console.log('%c[Extension Host] %c' + format, 'color: blue', 'color: ', ...args)`
 * (or `'%c[Extension Host]%'` when the first argument is not a string). Everything else in
 * the page console is workbench noise (gallery errors, 404s, service-worker info).
 */
const extensionHostPrefix = '%c[Extension Host]';

/** Rebuilds the line as the extension host printed it; undefined for non-extension-host messages. */
async function extensionHostLine(message: ConsoleMessage): Promise<string | undefined> {
  if (!message.text().startsWith(extensionHostPrefix)) return undefined;
  let values: unknown[];
  try {
    values = await Promise.all(message.args().map((arg) => arg.jsonValue()));
  } catch {
    values = [message.text()]; // page already navigating/closing: keep the unformatted text
  }
  // Node's format() implements the same %s/%d/%c/%o substitutions as the browser console.
  return format(...values).replace(/^\[Extension Host\]%? ?/, '');
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Mocha's colours help in a terminal but clutter CI logs and files. */
function keepColours(): boolean {
  if (process.env.NO_COLOR) return false;
  return Boolean(process.env.FORCE_COLOR) || process.stdout.isTTY === true;
}

/**
 * Prints extension-host console lines to stdout, in order (formatting a message is
 * asynchronous, so messages are chained). `drain()` resolves once everything received so
 * far is printed — call it after the suite exits so its summary is not lost.
 */
export function createExtensionHostConsolePrinter(): { print(message: ConsoleMessage): void; drain(): Promise<void> } {
  const colours = keepColours();
  let queue = Promise.resolve();
  return {
    print(message) {
      queue = queue.then(async () => {
        const line = await extensionHostLine(message);
        if (line !== undefined) process.stdout.write((colours ? line : stripAnsi(line)) + '\n');
      });
    },
    drain: () => queue,
  };
}
