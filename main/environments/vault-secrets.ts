import { credentialName, type Vault } from '../vault';
import type { SecretValues } from './variables';

/** Secret variables kept in the vault (OS keychain) as `secret-variable` credentials, as the Credentials pane shows them. */
export function vaultSecretValues(vault: Vault | null): SecretValues {
  const need = (): Vault => {
    if (!vault) throw new Error('this workbench has no data folder, so it keeps no secrets; start it with --data-dir');
    return vault;
  };
  return {
    set: async (environment, key, value) => {
      await need().set({ kind: 'secret-variable', label: key, environment, value });
    },
    read: (environment, key) => need().read(credentialName('secret-variable', key, environment)),
    delete: (environment, key) => need().delete(credentialName('secret-variable', key, environment)),
  };
}
