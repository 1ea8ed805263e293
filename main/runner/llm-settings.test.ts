import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsData } from '../settings';
import { llmOptions } from './llm-settings';

/** A vault holding one site token; it counts reads, since the key is read only when a call is forwarded. */
function vaultWith(name: string, value: string) {
  const reads: string[] = [];
  return {
    reads,
    vault: { has: async (wanted: string) => wanted === name, read: async (wanted: string) => (reads.push(wanted), value) },
  };
}

describe('the LLM endpoint from settings', () => {
  it('answers from fixtures until an endpoint is set; then uses it, with the site token of its host as the key', async () => {
    let setting: SettingsData['llmEndpoint'] = DEFAULT_SETTINGS.llmEndpoint;
    const { vault, reads } = vaultWith('site-token:127.0.0.1:11434', 'sk-local');
    const options = llmOptions(() => setting, vault);
    expect(await options.endpoint()).toBeNull();

    setting = { url: 'http://127.0.0.1:11434/v1', model: 'llama3.2' };
    const endpoint = await options.endpoint();
    expect(endpoint).toMatchObject({ url: 'http://127.0.0.1:11434/v1', model: 'llama3.2' });
    expect(reads).toEqual([]);
    expect(await endpoint!.apiKey()).toBe('sk-local');

    setting = { url: 'http://localhost:8080/v1', model: '' };
    const other = await options.endpoint();
    expect(other).toMatchObject({ model: null });
    expect(await other!.apiKey()).toBeNull();
  });
});
