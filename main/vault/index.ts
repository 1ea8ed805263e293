export { KeychainClient } from './keychain-client';
export { findForgeLogin, FORGE_CLI_ACCOUNT, FORGE_CLI_SERVICE, verifyAtlassianLogin, type AtlassianLogin } from './forge-login';
export { credentialName, Vault, VAULT_SERVICE, type NewCredential } from './vault';
export { storedAtlassianLogin } from './stored-login';
export { parseAtlassianLogin } from './atlassian-login';
export { connectedProviderAccount } from './provider-account';
