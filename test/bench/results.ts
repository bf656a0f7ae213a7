/** What the in-host bench (test/bench/host) hands back to `npm run bench` (test/bench/run.ts). */

export interface BenchServer {
  url: string;
  /** The key of a user who sees every generated scraper. */
  key: string;
  /** An admin's key, used to post the one new message each measured refresh sees. */
  adminKey: string;
}

export interface BenchServers {
  empty: BenchServer;
  /** By number of seeded messages. */
  sized: Record<number, BenchServer>;
  /** Which size the retained heap and the longest block are measured at. */
  heapSize: number;
  blockingSize: number;
}

export interface RefreshSample {
  messages: number;
  /** From refresh() to the store's onDidChange: the answer fetched, parsed, checked and grouped. */
  changeMs: number;
  /** getChildren() of the root and a TreeItem for every root node. */
  itemsMs: number;
  /** The whole refresh() call. */
  totalMs: number;
  /** CPU time of the whole extension-host process (all threads) for the refresh and the items. */
  cpuMs: number;
  /** CPU time of the main thread alone (what can stutter the editor); undefined where Node cannot tell it (before 22.19). */
  mainCpuMs?: number;
  /** Main-thread pauses for garbage collection during the refresh and the items. */
  gcMs: number;
  /**
   * A major collection of the host's heap marked or ended during the refresh (Node's 'gc'
   * performance entries). That heap holds every extension's objects, so marking it keeps
   * V8's helper threads busy for a few hundred ms of CPU.
   */
  majorGc: boolean;
}

/** Automatic polls whose answer did not change (test/bench/host/unchangedPoll.ts). */
export interface UnchangedPollResults {
  /** Each measured window's length: one poll in it, or none. */
  windowMs: number;
  /** Whole-process CPU (user + system, all threads) per window holding one poll. */
  pollCpuMs: number[];
  /** The same for windows without a poll, alternating with those. */
  idleCpuMs: number[];
  /** Tree change events the measured polls fired (none expected: nothing changed). */
  treeEvents: number;
}

export interface BenchResults {
  /** Per activation, in ms: require() of dist/extension.js and its activate() call. */
  activation: { loadMs: number[]; activateMs: number[] };
  refresh: Record<number, RefreshSample[]>;
  /** At the heap size (10,000 messages). */
  unchangedPoll?: UnchangedPollResults;
  longestBlockMs: number;
  retainedHeapBytes: number;
  /** Heap still held after switching back to an empty server (a leak shows here). */
  heapAfterReleaseBytes: number;
}
