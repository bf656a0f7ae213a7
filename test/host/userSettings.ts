import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * User settings that keep a scripted VS Code quiet and deterministic: nothing opens on
 * startup, nothing asks for trust, nothing phones home, no AI/chat panels take focus.
 * Shared by every host (code-server, desktop VS Code via test-electron, the demo).
 */
export const quietUserSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Writes `<userDataDir>/User/settings.json` = quiet defaults overridden by `overrides`. */
export async function writeUserSettings(userDataDir: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const userDir = path.join(userDataDir, 'User');
  await fs.mkdir(userDir, { recursive: true });
  const settings = { ...quietUserSettings, ...overrides };
  await fs.writeFile(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}
