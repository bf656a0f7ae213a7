/** What every extension-test host (code-server, desktop VS Code) needs to run a suite. */
export interface ExtensionTestRunOptions {
  /** Folder with the extension's package.json. */
  extensionDevelopmentPath: string;
  /** The suite's runner module: exports `run(): Promise<void>` (the desktop contract). */
  extensionTestsPath: string;
  /** Folder opened as the workspace; a fresh empty temp folder if omitted. */
  workspaceDir?: string;
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Environment variables visible to the extension host (e.g. SCRAPEHUB_TEST_*). */
  env?: Record<string, string>;
  /** Display language of the host, e.g. the pseudo-locale (code-server only). */
  locale?: string;
  /** The whole run, from starting the host to the suite's exit. */
  timeoutMs: number;
}
