// Test-only: invokes scrapehub_sendMessage outside chat (no toolInvocationToken), as an
// agent's call reaches VS Code, so the workbench shows the tool's own confirmation. The
// input is the JSON typed into the box; the outcome is shown in a notification.
const vscode = require('vscode');

function textOf(result) {
  return result.content
    .map((part) => part.value)
    .filter((value) => typeof value === 'string')
    .join('');
}

async function askSendTool() {
  const json = await vscode.window.showInputBox({ title: 'E2E Driver: input for scrapehub_sendMessage (JSON)' });
  if (json === undefined) return;
  try {
    const input = JSON.parse(json);
    const cancel = new vscode.CancellationTokenSource();
    const result = await vscode.lm.invokeTool('scrapehub_sendMessage', { input, toolInvocationToken: undefined }, cancel.token);
    void vscode.window.showInformationMessage(`E2E Driver: the tool answered: ${textOf(result)}`);
  } catch (error) {
    void vscode.window.showWarningMessage(`E2E Driver: the tool call failed: ${error.name}: ${error.message}`);
  }
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('scrapehubE2eDriver.askSendTool', askSendTool));
};
