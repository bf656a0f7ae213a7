/**
 * The main thread's side of the parse worker (see parseWorker.ts). Started on first use
 * and kept for the session; if it cannot start or dies, every later body is parsed on the
 * main thread as before (resolve undefined), so a broken worker costs speed, not data.
 */
import { Worker } from 'node:worker_threads';
import type { ParseReply, ParseRequest } from './messagesWire';

/** A worker costs about 10 MB while it lives; one not asked for this long is stopped (and restarted on demand). */
const IDLE_STOP_MS = 2 * 60_000;
/** Parsing 50,000 messages takes well under a second; no answer in this long means it is stuck. */
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * A small young generation makes the worker collect each answer's garbage soon instead of
 * holding tens of MB between refreshes; the old generation still fits a 50,000-message
 * answer (about 45 MB at its peak). Over it, the worker dies and parsing falls back.
 */
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

export type WorkerProblem = Error | number | { silentForMs: number };

export interface BodyParser {
  /** undefined: no worker; parse on the main thread. The bytes are copied, not taken. */
  parse(bytes: ArrayBuffer): Promise<ParseReply | undefined>;
}

export class ParseWorkerClient implements BodyParser {
  private worker: Worker | undefined;
  private unavailable = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ParseReply | undefined) => void>();

  /**
   * `onProblem`: for the log, when the worker fails and parsing moves back to the main
   * thread: the error, the exit code when the worker stopped, or how long it stayed silent.
   */
  constructor(
    private readonly scriptPath: string,
    private readonly onProblem: (reason: WorkerProblem) => void = () => undefined,
    private readonly answerTimeoutMs = ANSWER_TIMEOUT_MS,
    private readonly idleStopMs = IDLE_STOP_MS,
  ) {}

  /** True while a worker thread exists (started and not stopped for idleness). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  parse(bytes: ArrayBuffer): Promise<ParseReply | undefined> {
    const worker = this.started();
    if (!worker) {
      return Promise.resolve(undefined);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail({ silentForMs: this.answerTimeoutMs }), this.answerTimeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        this.stopWhenIdle();
        resolve(reply);
      });
      const request: ParseRequest = { id, bytes };
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.unavailable = true;
    clearTimeout(this.idleTimer);
    void this.worker?.terminate();
    this.settleAll();
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0) {
        return;
      }
      const idle = this.worker;
      this.worker = undefined; // Its 'exit' is expected now: see the handler.
      void idle?.terminate();
    }, this.idleStopMs);
    this.idleTimer.unref?.();
  }

  private started(): Worker | undefined {
    if (this.unavailable) {
      return undefined;
    }
    if (!this.worker) {
      try {
        const worker = new Worker(this.scriptPath, { resourceLimits: WORKER_HEAP_LIMITS });
        worker.unref(); // Never what keeps the extension host alive.
        worker.on('message', (reply: ParseReply) => {
          this.pending.get(reply.id)?.(reply);
          this.pending.delete(reply.id);
        });
        worker.on('error', (error) => this.worker === worker && this.fail(error));
        // Only the current worker's exit is a failure; one stopped for idleness is not.
        worker.on('exit', (code) => this.worker === worker && this.fail(code));
        this.worker = worker;
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.worker;
  }

  private fail(reason: WorkerProblem): void {
    if (this.unavailable) {
      return;
    }
    this.unavailable = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.onProblem(reason);
    this.settleAll();
  }

  private settleAll(): void {
    for (const resolve of this.pending.values()) {
      resolve(undefined);
    }
    this.pending.clear();
  }
}
