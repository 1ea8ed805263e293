import type { EnvironmentState } from '../../common/types';
import type { AppRunner } from '../runner';
import { runsDeployedOnly, type EnvironmentService } from './environment-service';

/** An environment as the Environments pane shows it: versions, each installation's approval, variables. */
export async function environmentState(service: EnvironmentService, runner: AppRunner, key: string): Promise<EnvironmentState> {
  const environment = service.book.get(key);
  const latest = service.deployments.latest(key);
  const installations = await runner.listInstallations(key);
  return {
    environment,
    deployedOnly: runsDeployedOnly(environment),
    latest: latest ? { label: latest.label, major: latest.reasons.length > 0, reasons: latest.reasons, deployedAt: latest.createdAt } : null,
    installations: installations.map((installation) => {
      const release = service.deployments.release(key, installation.name);
      return {
        name: installation.name,
        runs: release?.deployment.label ?? null,
        awaitingApproval: release?.awaitingApproval ? { label: release.awaitingApproval.label, reasons: release.awaitingApproval.reasons } : null,
        logAccess: service.deployments.logAccess(key, installation.name),
      };
    }),
    variables: service.variables.list(key),
  };
}
