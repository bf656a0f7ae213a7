/**
 * Every command id. A `const enum`, so the bundles carry each id only where it is used;
 * test/unit/manifest.test.ts reads this declaration and checks that package.json
 * contributes exactly these commands, and names no other in menus and keybindings.
 */
export const enum CommandId {
  Refresh = 'scrapehub.refresh',
  SendMessage = 'scrapehub.sendMessage',
  AcknowledgeMessage = 'scrapehub.acknowledgeMessage',
  AcknowledgeAll = 'scrapehub.acknowledgeAll',
  SetApiKey = 'scrapehub.setApiKey',
  ClearApiKey = 'scrapehub.clearApiKey',
  ConfigureServer = 'scrapehub.configureServer',
  OpenMessage = 'scrapehub.openMessage',
  CopyMessageId = 'scrapehub.copyMessageId',
  ShowLog = 'scrapehub.showLog',
  Filter = 'scrapehub.filter',
  ClearFilter = 'scrapehub.clearFilter',
  ShowConnectionInfo = 'scrapehub.showConnectionInfo',
  SwitchServer = 'scrapehub.switchServer',
  AddServer = 'scrapehub.addServer',
  RemoveServer = 'scrapehub.removeServer',
  CopyMessageJson = 'scrapehub.copyMessageJson',
  SendAgain = 'scrapehub.sendAgain',
  AcknowledgeAllOfType = 'scrapehub.acknowledgeAllOfType',
  GroupBy = 'scrapehub.groupMessagesBy',
  SortBy = 'scrapehub.sortMessagesBy',
  CopyMessageLink = 'scrapehub.copyMessageLink',
  ReportIssue = 'scrapehub.reportIssue',
  SaveDiagnostics = 'scrapehub.saveDiagnostics',
  /** Internal: the "Show N more…" row. Hidden from the palette. */
  ShowMore = 'scrapehub.showMore',
}
