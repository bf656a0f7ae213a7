import { constants } from 'node:os';
import { withTimeout } from './timeouts';

type Cleanup = () => Promise<void>;

/** Newest last; run newest first, like unwinding a stack (browser before server). */
const cleanups: Cleanup[] = [];

/** Registers work that must happen before the process exits on a signal; returns its unregister function. */
export function registerCleanup(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await withTimeout(cleanup(), 20_000, 'cleanup').catch((error: Error) => console.error(`[host] ${error.message}`));
  }
}

let cleanupsDone: Promise<void> | undefined;

/** True once a shutdown started; work that ends because of it is not an error. */
export function isShuttingDown(): boolean {
  return cleanupsDone !== undefined;
}

/** Runs the registered cleanups (once, however often called), then exits. */
export async function shutDownAndExit(exitCode: number): Promise<never> {
  cleanupsDone ??= runCleanups();
  await cleanupsDone;
  process.exit(exitCode);
}

/**
 * On SIGINT/SIGTERM/SIGHUP: runs the registered cleanups, then exits with `exitCode`
 * (default 128 + signal number, the shell convention). A second signal exits at once;
 * process groups are still SIGKILLed by their 'exit' handlers then.
 */
export function handleShutdownSignals(exitCode?: number): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = exitCode ?? 128 + constants.signals[signal];
    if (signalled) process.exit(code);
    signalled = true;
    console.log(`\n[host] ${signal}: stopping…`);
    void shutDownAndExit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}
