import type { SettingsData } from '../settings';
import { credentialName, type Vault } from '../vault';
import type { LlmOptions } from './gateway/llm-gateway';

/**
 * Forge LLMs as the developer set them up: the endpoint in settings (read at every call, so a change
 * applies to the next chat) and its key from the keychain, a site token labelled with the endpoint's
 * host. Without an endpoint, calls are answered from the app's fixtures.
 */
export function llmOptions(setting: () => SettingsData['llmEndpoint'] | undefined, vault: Pick<Vault, 'has' | 'read'> | null): LlmOptions {
  return {
    endpoint: async () => {
      const current = setting();
      if (!current || current.url === '') return null;
      let host: string;
      try {
        host = new URL(current.url).host;
      } catch {
        return null;
      }
      const name = credentialName('site-token', host, null);
      return {
        url: current.url,
        model: current.model === '' ? null : current.model,
        apiKey: async () => (vault && (await vault.has(name)) ? vault.read(name) : null),
      };
    },
  };
}
