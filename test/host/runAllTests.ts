import * as path from 'node:path';
import * as readline from 'node:readline';
import { chooseHost } from './chooseHost';
import { repoRoot } from './hostPaths';
import { spawnInOwnProcessGroup, waitForExitOrStopGroup } from './processGroup';
import { handleShutdownSignals } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import { HostUnavailableError } from './vsCodeDesktop';

/**
 * `npm test` after the build: every check, with the independent ones side by side. The
 * suites spend most of their time waiting on timers, servers and the workbench (the
 * integration suite used about half a core, e2e a quarter), so on code-server they run at
 * once, each in its own host, ports and temp dirs. On desktop VS Code they run one after
 * another: concurrent Electron instances are not tried anywhere we can run them.
 *
 * The VSIX is packaged once: `vsce package` rebuilds dist/ (vscode:prepublish), which must
 * not happen while an extension host loads it or the unit suite reads it, so only the
 * checks of the sources run meanwhile.
 */

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** A lane's steps run in order and stop at the first failure; lanes run side by side. */
type Lane = Step[];

/**
 * The model test, the fault suite and the Localisation suite (then its pseudo-locale rerun)
 * in one host, everything else in another: about the same time each.
 */
const SECOND_HOST = '(controlChannel\\.model|faultInjection|localisation)\\.test\\.js$';
const SECOND_HOST_FILES = `^${SECOND_HOST}`;
const OTHER_INTEGRATION_FILES = `^(?!${SECOND_HOST})`;

const stepTimeoutMs = 15 * 60_000;

/** A Node script of the project or of a dev dependency, run by this Node (no npx or shell, so no platform differences). */
const node = (script: string, ...args: string[]) => ({ command: process.execPath, args: [path.join(repoRoot, script), ...args] });

/** Checks that read only the sources: they run while the VSIX is packaged. */
const sourceChecks: Lane = [
  { name: 'typecheck', ...node('node_modules/typescript/bin/tsc', '-p', '.', '--noEmit') },
  { name: 'lint', ...node('node_modules/eslint/bin/eslint.js', '.') },
  { name: 'format', ...node('node_modules/prettier/bin/prettier.cjs', '--check', '.') },
];

/** Lanes that need the packaged build (the unit suite checks dist/, which packaging rewrites). */
function packagedLanes(vsix: string): Lane[] {
  return [
    [{ name: 'unit', ...node('node_modules/mocha/bin/mocha.js', '--config', '.mocharc.json') }],
    [{ name: 'integration', ...node('out/test/host/runIntegrationTests.js'), env: { SCRAPEHUB_TEST_FILES: OTHER_INTEGRATION_FILES } }],
    [
      {
        name: 'integration:model+faults',
        ...node('out/test/host/runIntegrationTests.js'),
        env: { SCRAPEHUB_TEST_FILES: SECOND_HOST_FILES },
      },
    ],
    [{ name: 'e2e', ...node('out/test/e2e/run.js'), env: { SCRAPEHUB_E2E_VSIX: vsix } }],
  ];
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one step in its own process group, its output prefixed with its name; resolves to its exit code. */
async function runStep(step: Step): Promise<number> {
  const startedAt = Date.now();
  console.log(`[${step.name}] started`);
  const child = spawnInOwnProcessGroup(step.command, step.args, {
    cwd: repoRoot,
    env: { ...process.env, ...step.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const outputDone = [child.stdout, child.stderr].map((stream) => {
    const lines = readline.createInterface({ input: stream! });
    lines.on('line', (line) => console.log(`[${step.name}] ${line}`));
    return new Promise((resolve) => lines.once('close', resolve));
  });
  const exitCode = await waitForExitOrStopGroup(child, stepTimeoutMs, step.name).catch((error: Error) => {
    console.log(`[${step.name}] ${error.message}`);
    return 1;
  });
  await Promise.all(outputDone);
  console.log(`[${step.name}] ${exitCode === 0 ? 'passed' : `failed (exit code ${exitCode})`} in ${seconds(startedAt)}`);
  return exitCode;
}

async function runLane(lane: Lane, failed: string[]): Promise<void> {
  for (const step of lane) {
    if ((await runStep(step)) !== 0) {
      failed.push(step.name);
      return;
    }
  }
}

async function main(): Promise<number> {
  handleShutdownSignals();
  const startedAt = Date.now();
  // Provisions or downloads the host once, before any suite needs it, and passes the choice on.
  const host = await chooseHost('integration');
  const vsixDir = await makeTempDir('scrapehub-test-vsix-');
  const vsix = path.join(vsixDir, 'scrapehub-messages.vsix');
  const failed: string[] = [];
  const packageStep: Step = {
    name: 'package',
    ...node('node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix),
  };
  if (host === 'code-server') {
    const packaged = runLane([packageStep], failed).then(() => !failed.includes(packageStep.name));
    const [checks, ...rest] = packagedLanes(vsix);
    const afterPackaging = (lane: Lane) => packaged.then((ok) => (ok ? runLane(lane, failed) : undefined));
    await Promise.all([runLane(sourceChecks, failed).then(() => afterPackaging(checks)), ...rest.map(afterPackaging)]);
  } else {
    await runLane([packageStep], failed);
    if (failed.length === 0) for (const lane of [sourceChecks, ...packagedLanes(vsix)]) await runLane(lane, failed);
  }
  await removeDirs([vsixDir]);
  console.log(failed.length === 0 ? `all tests passed in ${seconds(startedAt)}` : `FAILED: ${failed.join(', ')} (${seconds(startedAt)})`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: Error) => {
    console.error(error instanceof HostUnavailableError ? error.message : (error.stack ?? error.message));
    process.exit(2);
  },
);
