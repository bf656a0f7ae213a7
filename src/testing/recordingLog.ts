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
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && RECORDED_METHODS.has(property)) {
        return (...args: unknown[]) => {
          lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(' '));
          return method.apply(target, args);
        };
      }
      return method.bind(target);
    },
  });
  return { channel: recorded, lines };
}
