export { EnvironmentService, runsDeployedOnly, type DeployOutcome } from './environment-service';
export type { Deployment } from './deployments';
export type { SecretValues, VariableInfo } from './variables';
export { vaultSecretValues } from './vault-secrets';
export { environmentState } from './environment-state';
