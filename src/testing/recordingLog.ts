/**
 * In test mode the log channel is wrapped so the suite can search everything the
 * extension logged (for example: the API key must never appear). Every call still goes
 * to the real channel.
 */
import type * as vscode from 'vscode';

const RECORDED_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

export interface RecordingLog {
  channel: vscode.LogOutputChannel;
  lines: string[];
}

export function recordingLog(channel: vscode.LogOutputChannel): RecordingLog {
  const lines: string[] = [];
  const recorded = new Proxy(channel, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && RECORDED_METHODS.has(property) && typeof value === 'function') {
        return (...args: unknown[]) => {
          lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(' '));
          return value.apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { channel: recorded, lines };
}
