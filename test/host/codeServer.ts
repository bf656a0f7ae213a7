import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { codeServerEntry, node24Binary } from './hostPaths';
import { exitCodeOf, killProcessGroupNow, spawnInOwnProcessGroup, stopProcessGroup, waitForExitOrStopGroup } from './processGroup';
import { ensureCodeServerProvisioned } from './provisionHost';
import { registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import { withTimeout } from './timeouts';
import { writeUserSettings } from './userSettings';

export interface CodeServerOptions {
  userDataDir?: string;
  extensionsDir?: string;
  /** Folder opened when the bare URL is visited. */
  workspaceDir?: string;
  /** Merged over the quiet defaults in `<userDataDir>/User/settings.json`. */
  settings?: Record<string, unknown>;
  /** Lets a page run `extensionTestsPath` payloads; also suppresses notification toasts. */
  smokeTestDriver: boolean;
  /** .vsix files installed into the extensions dir before the server starts. */
  installVsix?: string | readonly string[];
  /** Added to code-server's environment, which its extension hosts inherit. */
  env?: Record<string, string>;
  /** Port on 127.0.0.1; 0 (default) lets the OS choose. */
  port?: number;
  /**
   * Display language (`--locale`), e.g. the pseudo-locale `qps-ploc`. VS Code only switches
   * to a language it has a language pack for, so an empty pack is registered for it: the
   * workbench stays English (no core translations), extensions are told the language and
   * load their own translations (l10n/bundle.l10n.<locale>.json, package.nls.<locale>.json).
   */
  locale?: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  userDataDir: string;
  /** Resolves with code-server's exit code if it ends (crashes) before stop(). */
  exited: Promise<number>;
  /** The last lines code-server printed, for diagnosing a failed run. */
  recentOutput(): string;
  stop(): Promise<void>;
}

const startupTimeoutMs = 60_000;
const installTimeoutMs = 120_000;
const keptOutputLines = 200;

interface HostDirs {
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  /** Temp folders created here, removed again by stop(). */
  owned: string[];
}

async function prepareHostDirs(options: CodeServerOptions): Promise<HostDirs> {
  const root = await makeTempDir('scrapehub-code-server-');
  const userDataDir = options.userDataDir ?? path.join(root, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(root, 'extensions');
  const configFile = path.join(root, 'config.yaml');
  await Promise.all(
    [userDataDir, extensionsDir, path.join(root, 'xdg-data'), path.join(root, 'xdg-config')].map((dir) =>
      fs.mkdir(dir, { recursive: true }),
    ),
  );
  // Our own config file, else code-server writes one (with a generated password) to ~/.config.
  await fs.writeFile(configFile, 'auth: none\ncert: false\n');
  await writeUserSettings(userDataDir, options.settings);
  if (options.locale) await registerEmptyLanguagePack(root, userDataDir, options.locale);
  return { userDataDir, extensionsDir, configFile, owned: [root] };
}

/** What installing a language pack would write into languagepacks.json, without the pack's translations. */
async function registerEmptyLanguagePack(root: string, userDataDir: string, locale: string): Promise<void> {
  const coreTranslations = path.join(root, `core-translations.${locale}.json`);
  await fs.writeFile(coreTranslations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const entry = {
    hash: `scrapehub-tests-${locale}`,
    extensions: [{ extensionIdentifier: { id: `scrapehub-tests.language-pack-${locale}` }, version: '0.0.1' }],
    translations: { vscode: coreTranslations },
    label: locale,
  };
  await fs.writeFile(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }));
}

/**
 * Variables code-server itself interprets (PORT overrides --bind-addr, PASSWORD turns auth
 * on, VSCODE_OPTIONS adds server flags, CODE_SERVER_ and CS_ variables toggle features) or that leak
 * in from an enclosing VS Code terminal. They must not change how the test host behaves.
 */
function isHostAffectingVariable(name: string): boolean {
  return ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN'].includes(name) || /^(CODE_SERVER_|CS_|VSCODE_)/.test(name);
}

function codeServerEnvironment(dirs: HostDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !isHostAffectingVariable(name)));
  const root = dirs.owned[0];
  return {
    ...inherited,
    // Node 24 first on PATH: anything code-server spawns as plain `node` must match it.
    PATH: `${path.dirname(node24Binary)}${path.delimiter}${process.env.PATH ?? ''}`,
    // No marketplace: offline, and no gallery calls that could slow down or fail a run.
    EXTENSIONS_GALLERY: '{}',
    // code-server writes logs and state below these even with --user-data-dir.
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    ...extra,
  };
}

function profileArgs(dirs: HostDirs): string[] {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Keeps the last lines of a process's combined output. */
function captureOutput(child: ChildProcess): { lines: string[]; onLine(listener: (line: string) => void): void } {
  const lines: string[] = [];
  const listeners: Array<(line: string) => void> = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > keptOutputLines) lines.shift();
        listeners.forEach((listener) => listener(line));
      }
    });
  }
  return { lines, onLine: (listener) => listeners.push(listener) };
}

/** Installs the VSIXes with one code-server CLI run (each run starts a server process: seconds). */
async function installExtensions(vsixes: readonly string[], dirs: HostDirs, env: NodeJS.ProcessEnv): Promise<void> {
  const installs = vsixes.flatMap((vsix) => ['--install-extension', vsix]);
  const child = spawnInOwnProcessGroup(node24Binary, [codeServerEntry, ...profileArgs(dirs), ...installs, '--force'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  let code: number;
  try {
    code = await waitForExitOrStopGroup(child, installTimeoutMs, `installing ${vsixes.join(', ')}`);
  } catch (error) {
    code = 1;
    output.lines.push((error as Error).message);
  }
  if (code !== 0) {
    throw new Error(`code-server ${installs.join(' ')} failed (exit code ${code}):\n${output.lines.join('\n')}`);
  }
}

/** Resolves with the port from "HTTP server listening on http://127.0.0.1:<port>/"; rejects if code-server exits first. */
function waitForListeningPort(exited: Promise<number>, output: ReturnType<typeof captureOutput>): Promise<number> {
  return new Promise((resolve, reject) => {
    output.onLine((line) => {
      const match = /HTTP server listening on http:\/\/[^\s/]+:(\d+)\//.exec(line);
      if (match) resolve(Number(match[1]));
    });
    exited.then((code) => reject(new Error(`code-server exited with code ${code} before listening`)), reject);
  });
}

function serverArgs(options: CodeServerOptions, dirs: HostDirs): string[] {
  return [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--auth',
    'none',
    ...profileArgs(dirs),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Do not resolve the login shell's environment for extension hosts: slow, depends on the
    // developer's rc files, and could override variables the tests set.
    '--vscode-option',
    'force-disable-user-env',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.locale ? ['--locale', options.locale] : []),
    ...(options.workspaceDir ? [options.workspaceDir] : []),
  ];
}

/**
 * Starts code-server (VS Code 1.139 server + web workbench) on 127.0.0.1 in its own
 * process group, with fresh profile folders unless given. Provisions it first if needed.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  await ensureCodeServerProvisioned();
  const dirs = await prepareHostDirs(options);
  const env = codeServerEnvironment(dirs, options.env);
  try {
    const vsixes = [options.installVsix ?? []].flat();
    if (vsixes.length > 0) await installExtensions(vsixes, dirs, env);
  } catch (error) {
    await removeDirs(dirs.owned);
    throw error;
  }

  const child = spawnInOwnProcessGroup(node24Binary, serverArgs(options, dirs), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const exited = exitCodeOf(child);
  const pgid = child.pid;
  if (pgid === undefined) {
    await removeDirs(dirs.owned);
    const reason = await exited.then(
      (code) => `exit code ${code}`,
      (error: Error) => error.message,
    );
    throw new Error(`could not start code-server with ${node24Binary}: ${reason}`);
  }
  // Code-server runs in its own process group, so Ctrl+C in the terminal does not reach it:
  // stop it on our signals, and SIGKILL it if this process exits without calling stop().
  const killOnExit = (): void => killProcessGroupNow(pgid);
  process.on('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      unregisterCleanup();
      await stopProcessGroup(pgid);
      process.off('exit', killOnExit);
      await removeDirs(dirs.owned);
    })();
    return stopping;
  };
  const unregisterCleanup = registerCleanup(stop);

  try {
    const port = await withTimeout(waitForListeningPort(exited, output), startupTimeoutMs, 'code-server startup');
    return {
      url: `http://127.0.0.1:${port}/`,
      port,
      userDataDir: dirs.userDataDir,
      exited,
      recentOutput: () => output.lines.join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output.lines.join('\n')}`, { cause: error });
  }
}
