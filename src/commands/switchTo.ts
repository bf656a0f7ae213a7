/** Makes a named server the active one; shared by Switch Server and Add Server. */
import type { NamedServer } from '../model/serverList';
import { promptAndStoreApiKey } from './apiKeyPrompt';
import type { CommandContext } from './commandContext';

/**
 * Asks for the server's key first when none is stored (dismissing is fine: the view then
 * offers Set API Key for it), then writes `scrapehub.serverUrl`. The connection and store
 * follow that setting: requests to the old server are aborted and its data dropped.
 */
export async function switchTo(
  context: CommandContext,
  server: Pick<NamedServer, 'name' | 'address'>,
  keyStep: { step?: number; totalSteps?: number } = {},
): Promise<void> {
  const { address } = server;
  if (!(await context.keys.has(address.origin))) {
    await promptAndStoreApiKey(context, address.origin, keyStep);
  }
  if (context.connection.active?.address.baseUrl !== address.baseUrl) {
    await context.settings.setServerUrl(address.baseUrl);
    context.log.info(`[servers] switched to "${server.name}" (${address.baseUrl})`);
  }
  await context.store.refresh({ manual: true });
}
