import * as fs from 'node:fs';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { registerCleanup } from './shutdown';
import { delay, TimeoutError, withTimeout } from './timeouts';

/**
 * Starts `command` as the leader of a new process group, so that everything it spawns
 * (code-server forks extension hosts, file watchers, pty hosts) can be stopped together
 * by signalling the negative pid — without ever matching processes by name.
 */
export function spawnInOwnProcessGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

/**
 * True while any non-zombie process of the group led by `pgid` exists. On Linux this reads
 * /proc, because `kill(-pgid, 0)` also succeeds for zombies, and orphaned zombies are never
 * reaped when PID 1 is not a real init (as in some containers and micro-VMs).
 */
function processGroupAlive(pgid: number): boolean {
  if (fs.existsSync('/proc/self/stat')) return livingProcessInGroupPerProc(pgid);
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function livingProcessInGroupPerProc(pgid: number): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were looking
    }
    // Format: "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function waitForProcessGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processGroupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await delay(100);
  }
  return true;
}

/**
 * SIGTERM to the whole group, then SIGKILL if anything in it survives the grace period.
 * Resolves once no process of the group is left (or throws if even SIGKILL did not help).
 */
export async function stopProcessGroup(pgid: number, graceMs = 10_000): Promise<void> {
  signalProcessGroup(pgid, 'SIGTERM');
  if (await waitForProcessGroupExit(pgid, graceMs)) return;
  signalProcessGroup(pgid, 'SIGKILL');
  if (!(await waitForProcessGroupExit(pgid, 5_000))) {
    throw new Error(`process group ${pgid} is still alive after SIGKILL`);
  }
}

/** Synchronous last resort for `process.on('exit')`, where no async work can run. */
export function killProcessGroupNow(pgid: number): void {
  signalProcessGroup(pgid, 'SIGKILL');
}

/** Resolves with the exit code (128 when killed by a signal); rejects if it could not be spawned. */
export function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Waits for a process started with spawnInOwnProcessGroup to exit. If it takes longer
 * than `timeoutMs`, or we are interrupted meanwhile, its whole group is stopped; a timeout
 * then rejects with a TimeoutError.
 */
export async function waitForExitOrStopGroup(child: ChildProcess, timeoutMs: number, what: string): Promise<number> {
  const exited = exitCodeOf(child);
  const pgid = child.pid;
  if (pgid === undefined) return exited; // spawn failed: `exited` rejects with the reason
  const unregister = registerCleanup(() => stopProcessGroup(pgid));
  try {
    return await withTimeout(exited, timeoutMs, what);
  } catch (error) {
    if (error instanceof TimeoutError) await stopProcessGroup(pgid);
    throw error;
  } finally {
    unregister();
  }
}
