/**
 * Wraps the log channel once, so every call site writes one line per entry: text from a
 * server (an error message, an id) with a line break cannot add a line that looks like an
 * entry of its own, and control and bidi characters are dropped. Stack traces are joined
 * onto their entry's line too; the frames stay readable, separated by "at". `onLine` sees
 * each line as written (the support report's recent lines, the tests' record).
 */
import type * as vscode from 'vscode';
import { plainText } from './untrustedText';

const WRITING_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

export function oneLineLog(channel: vscode.LogOutputChannel, onLine?: (level: string, line: string) => void): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && WRITING_METHODS.has(property)) {
        return (...args: unknown[]) => {
          const line = oneLine(args);
          onLine?.(property.startsWith('append') || property === 'replace' ? 'info' : property, line);
          return method.call(target, line);
        };
      }
      return method.bind(target);
    },
  });
}

/** All arguments as the one line they are logged as. */
export function oneLine(args: readonly unknown[]): string {
  return plainText(args.map(describe).join(' '), Infinity);
}

function describe(arg: unknown): string {
  if (arg instanceof Error) {
    return arg.stack ?? `${arg.name}: ${arg.message}`;
  }
  if (typeof arg === 'string') {
    return arg;
  }
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}
