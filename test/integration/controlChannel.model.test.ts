/**
 * Model-based test of the control channel: random sequences of refresh, send (with the
 * KILL_REQUEST confirmation and Retry / Send Again), acknowledge, acknowledge all, server
 * switch, key change and injected faults, driven through the real extension against two
 * local ScrapeHub servers. After every step the invariants in model/invariants.ts are
 * checked against the servers' own records.
 *
 * `npm test` runs a fixed seed; `npm run fuzz` runs many more sequences
 * (SCRAPEHUB_TEST_FUZZ_RUNS, SCRAPEHUB_TEST_FUZZ_SEED) and prints one summary line.
 */
import fc from 'fast-check';
import { stepArbitraries } from './model/arbitraries';
import { worldForSuite } from './model/world';

const FIXED_SEED = 20261201;
const runs = Number(process.env.SCRAPEHUB_TEST_FUZZ_RUNS ?? 200);
const seed = Number(process.env.SCRAPEHUB_TEST_FUZZ_SEED ?? FIXED_SEED);
const fuzzing = process.env.SCRAPEHUB_TEST_FUZZ_RUNS !== undefined;
/** Shorter sequences in `npm test` keep 200 of them within a minute; the failures found so far take one or two steps. */
const maxCommands = Number(process.env.SCRAPEHUB_TEST_FUZZ_MAX_COMMANDS ?? (fuzzing ? 8 : 6));
/** Bounds the whole run, shrinking included, so a failure still reports in reasonable time. */
const timeLimitMs = Number(process.env.SCRAPEHUB_TEST_FUZZ_TIME_LIMIT_MS ?? (fuzzing ? 6 * 3600_000 : 150_000));

describe('Control channel model', () => {
  const current = worldForSuite();

  it(`keeps every invariant over ${runs} random sequences (seed ${seed})`, async function () {
    this.timeout(timeLimitMs + 60_000);
    const world = current();
    const started = Date.now();
    const property = fc.asyncProperty(fc.commands(stepArbitraries(), { maxCommands }), (steps) =>
      fc.asyncModelRun(async () => ({ model: await world.reset(), real: world }), steps),
    );
    const details = await fc.check(property, { seed, numRuns: runs, interruptAfterTimeLimit: timeLimitMs });
    world.tally();
    const { stats } = world;
    const failures = details.failed ? 1 : 0;
    console.log(
      `control-channel model: ${details.numRuns} sequences (seed ${seed}), ${failures} failures, ` +
        `${stats.sends} sends, ${stats.acks} acks, ${stats.faults} faults, ${stats.resends} resends exercised, ` +
        `${details.numShrinks} shrinks, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (details.failed || details.interrupted) {
      const cause = details.errorInstance instanceof Error ? `\n${details.errorInstance.stack ?? details.errorInstance.message}` : '';
      throw new Error(`${fc.defaultReportMessage(details) ?? 'interrupted before all sequences ran'}${cause}`);
    }
  });
});
