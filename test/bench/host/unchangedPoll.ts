/**
 * What an automatic poll costs the extension host when the answer did not change: the
 * whole process's CPU time (user + system, every thread, the parse worker included, as
 * the OS counts it for the process) in a window holding one refresh, minus the same
 * window with no refresh. Windows alternate (poll, idle, poll, idle…) so the host's own
 * background work, and its drift, fall on both sides alike.
 */
import { performance } from 'node:perf_hooks';
import type { TestingApi } from '../../../src/testing/testingApi';
import type { UnchangedPollResults } from '../results';

/** As often as a user who set the shortest sensible interval polls. */
const WINDOW_MS = 2_000;
const WARM_UP_POLLS = 2;
const MEASURED_POLLS = 10;

export async function measureUnchangedPolls(api: TestingApi): Promise<UnchangedPollResults> {
  const provider = api.view.provider;
  let treeEvents = 0;
  const listener = provider.onDidChangeTreeData(() => treeEvents++);
  const pollCpuMs: number[] = [];
  const idleCpuMs: number[] = [];
  try {
    for (let i = 0; i < WARM_UP_POLLS; i++) {
      await poll(api);
    }
    treeEvents = 0;
    for (let i = 0; i < MEASURED_POLLS; i++) {
      pollCpuMs.push(await cpuDuringWindow(() => poll(api)));
      idleCpuMs.push(await cpuDuringWindow(() => Promise.resolve()));
    }
  } finally {
    listener.dispose();
  }
  return { windowMs: WINDOW_MS, pollCpuMs, idleCpuMs, treeEvents };
}

/** One automatic refresh; what VS Code would ask of the tree after it, if anything changed. */
async function poll(api: TestingApi): Promise<void> {
  const provider = api.view.provider;
  let changed = false;
  const listener = provider.onDidChangeTreeData(() => (changed = true));
  try {
    await api.store.refresh();
  } finally {
    listener.dispose();
  }
  if (api.store.state !== 'ok') {
    throw new Error(`an unchanged poll did not succeed: ${api.store.state} ${api.store.error?.message ?? ''}`);
  }
  if (changed) {
    for (const node of provider.getChildren()) {
      provider.getTreeItem(node);
    }
  }
}

/** Process CPU (ms, all threads) from the start of `action` to the end of a WINDOW_MS window. */
async function cpuDuringWindow(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  const before = process.cpuUsage();
  await action();
  const left = WINDOW_MS - (performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, left)));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
