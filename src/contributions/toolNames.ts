/**
 * Every language-model tool's name. test/unit/manifest.test.ts checks that package.json
 * contributes exactly these (`contributes.languageModelTools`), which is also what
 * activates the extension for them.
 */
export const enum ToolName {
  ListPendingMessages = 'scrapehub_listPendingMessages',
  SendMessage = 'scrapehub_sendMessage',
  AcknowledgeMessages = 'scrapehub_acknowledgeMessages',
}
