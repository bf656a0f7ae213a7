/**
 * Every command id, in one object the code and test/unit/manifest.test.ts both read: the
 * manifest (package.json `contributes`) and this list must name the same commands.
 * Kept free of 'vscode' so that test runs in plain Node.
 */
export const CommandId = {
  Refresh: 'scrapehub.refresh',
  SendMessage: 'scrapehub.sendMessage',
  AcknowledgeMessage: 'scrapehub.acknowledgeMessage',
  AcknowledgeAll: 'scrapehub.acknowledgeAll',
  SetApiKey: 'scrapehub.setApiKey',
  ClearApiKey: 'scrapehub.clearApiKey',
  ConfigureServer: 'scrapehub.configureServer',
  OpenMessage: 'scrapehub.openMessage',
  CopyMessageId: 'scrapehub.copyMessageId',
  ShowLog: 'scrapehub.showLog',
  Filter: 'scrapehub.filter',
  ClearFilter: 'scrapehub.clearFilter',
  ShowConnectionInfo: 'scrapehub.showConnectionInfo',
  SwitchServer: 'scrapehub.switchServer',
  AddServer: 'scrapehub.addServer',
  RemoveServer: 'scrapehub.removeServer',
  CopyMessageJson: 'scrapehub.copyMessageJson',
  SendAgain: 'scrapehub.sendAgain',
  AcknowledgeAllOfType: 'scrapehub.acknowledgeAllOfType',
  GroupBy: 'scrapehub.groupMessagesBy',
  SortBy: 'scrapehub.sortMessagesBy',
  /** Internal: the "Show N more…" row. Hidden from the palette. */
  ShowMore: 'scrapehub.showMore',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Every id, for registering them all and for the manifest test. */
export const COMMAND_IDS: readonly CommandId[] = Object.values(CommandId);
