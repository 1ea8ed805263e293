export { FORGE_PRODUCTS, forgeCliArguments, forgeEnvironmentKey, PINNED_FORGE_CLI, type ForgeCliCommand } from './cli-arguments';
export { forgeCliEnvironment } from './cli-environment';
export { deployCheck } from './deploy-check';
export { versionAgainstDeployed } from './deploy-base';
export { lastForgeDeploy, recordForgeDeploy } from './deployed-manifests';
export { ForgeCli, NO_LOGIN } from './forge-cli-runs';
export { locateForgeCli, trustedSearchPath, type ForgeCliLocation } from './locate-forge-cli';
export { loginSecrets, secretRedactor } from './secret-redactor';
