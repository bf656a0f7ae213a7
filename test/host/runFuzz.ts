/**
 * `npm run fuzz`: only the control-channel model test, with many sequences, in the same
 * host as the integration suite. SCRAPEHUB_TEST_FUZZ_RUNS (default 10,000) and
 * SCRAPEHUB_TEST_FUZZ_SEED choose the run; the suite prints one summary line.
 */
const defaults: Record<string, string> = {
  SCRAPEHUB_TEST_GREP: 'Control channel model',
  SCRAPEHUB_TEST_FUZZ_RUNS: '10000',
  SCRAPEHUB_TEST_FUZZ_SEED: String(Date.now() % 2 ** 31),
  // About half a second a sequence on 2 cores: room for 10,000 and the shrinking of a failure.
  SCRAPEHUB_TEST_TIMEOUT_MS: String(8 * 3600_000),
};
for (const [name, value] of Object.entries(defaults)) {
  process.env[name] ??= value;
}
// Loaded after the defaults are set: the runner reads them as it starts.
void import('./runIntegrationTests.js');
