/**
 * Runs one refresh at a time. Asking for another while one runs queues exactly one more,
 * so callers that just changed something (sent, acknowledged) always get data fetched
 * after their change.
 */
export class RefreshQueue {
  private running: Promise<void> | undefined;
  private rerunRequested = false;
  /** The refresh in flight was cancelled: its answer will be discarded, so nobody may count on it. */
  private inFlightCancelled = false;
  private aborter = new AbortController();

  constructor(private readonly loadOnce: () => Promise<void>) {}

  /** Aborted when the refresh reading it is cancelled (or the queue disposed). */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** `orInFlight`: a refresh already on its way will do (unless it was cancelled), so none is queued. */
  run(orInFlight: boolean): Promise<void> {
    if (this.running) {
      this.rerunRequested ||= !orInFlight || this.inFlightCancelled;
      return this.running;
    }
    this.running = this.runUntilCurrent().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Aborts the refresh in flight; its result is discarded. */
  cancel(): void {
    this.inFlightCancelled = this.running !== undefined;
    this.aborter.abort();
    this.aborter = new AbortController();
  }

  dispose(): void {
    this.aborter.abort();
  }

  private async runUntilCurrent(): Promise<void> {
    do {
      this.rerunRequested = false;
      this.inFlightCancelled = false;
      await this.loadOnce();
    } while (this.rerunRequested && !this.aborter.signal.aborted);
  }
}
