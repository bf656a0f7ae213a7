/** Command ids; package.json contributes the same ids. */
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
  CopyMessageJson = 'scrapehub.copyMessageJson',
  SendAgain = 'scrapehub.sendAgain',
  AcknowledgeAllOfType = 'scrapehub.acknowledgeAllOfType',
  GroupBy = 'scrapehub.groupMessagesBy',
  SortBy = 'scrapehub.sortMessagesBy',
  /** Internal: the "Show N more…" row. Hidden from the palette. */
  ShowMore = 'scrapehub.showMore',
}
