import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { repoRoot } from './hostPaths';
import { packageExtensionVsix } from './packageExtension';
import { preferredPortOrEphemeral } from './ports';
import { exitCodeOf, spawnInOwnProcessGroup, stopProcessGroup } from './processGroup';
import { registerCleanup } from './shutdown';
import { makeTempDir, removeDirs } from './tempDirs';
import { writeUserSettings } from './userSettings';

/** A VS Code the demo user can work in. */
export interface DemoUi {
  /** What to open: a URL, or the window that appeared. */
  whereToLook: string;
  /** Resolves, with what happened, when the UI ends (window closed, code-server stopped or died). */
  closed: Promise<string>;
}

export function findExecutableOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Temp folder removed on Ctrl+C or when the demo ends. */
async function demoTempDir(prefix: string): Promise<string> {
  const dir = await makeTempDir(prefix);
  registerCleanup(() => removeDirs([dir]));
  return dir;
}

/** Desktop VS Code with the extension loaded from source (dist/ must be built) in a throwaway profile. */
export async function launchDesktopVsCode(codeExecutable: string, settings: Record<string, unknown>): Promise<DemoUi> {
  const root = await demoTempDir('scrapehub-demo-vscode-');
  const userDataDir = path.join(root, 'user-data');
  const workspaceDir = path.join(root, 'workspace');
  fs.mkdirSync(workspaceDir, { recursive: true });
  await writeUserSettings(userDataDir, settings);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set inside VS Code terminals; would start Electron as plain Node
  // --wait keeps the CLI alive until the window closes, which tells us when the demo is over.
  const child = spawnInOwnProcessGroup(
    codeExecutable,
    [
      '--new-window',
      '--wait',
      `--extensionDevelopmentPath=${repoRoot}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      path.join(root, 'extensions'),
      workspaceDir,
    ],
    { stdio: 'inherit', env },
  );
  const pgid = child.pid;
  if (pgid !== undefined) registerCleanup(() => stopProcessGroup(pgid));
  return {
    whereToLook: `the new VS Code window (${codeExecutable}, extension loaded from ${repoRoot})`,
    closed: exitCodeOf(child).then(() => 'the VS Code window was closed'),
  };
}

/** code-server (VS Code in the browser) with the packaged extension installed, as a user would get it. */
export async function startDemoCodeServer(settings: Record<string, unknown>, preferredPort: number): Promise<DemoUi> {
  const root = await demoTempDir('scrapehub-demo-');
  console.log('[demo] packaging the extension (vsce package)…');
  const vsix = await packageExtensionVsix(root);
  const workspaceDir = path.join(root, 'workspace');
  fs.mkdirSync(workspaceDir, { recursive: true });
  // Without the smoke-test driver: it would suppress the notification toasts a person needs to see.
  const server = await startCodeServer({
    smokeTestDriver: false,
    installVsix: vsix,
    settings,
    workspaceDir,
    port: await preferredPortOrEphemeral(preferredPort),
  });
  return {
    whereToLook: server.url,
    closed: server.exited.then((code) => `code-server exited with code ${code}:\n${server.recentOutput()}`),
  };
}
