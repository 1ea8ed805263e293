import type { AppSummary } from '../../../common/types';
import type { Command } from '../../ui/commands';
import { askForge } from './forgeAsks';

/** "Forge: Deploy to <environment>" for each environment, and "Forge: Install/Upgrade" for the current one. */
export function forgeCommands(app: AppSummary | null, environment: string, switchEnvironment: (key: string) => void): Command[] {
  if (!app) return [];
  return [
    ...app.environments.map((candidate) => ({
      id: `forge-deploy-${candidate.key}`,
      category: 'Forge',
      title: `Deploy to ${candidate.key}`,
      pane: 'environments',
      run: () => {
        switchEnvironment(candidate.key);
        askForge({ action: 'deploy', environment: candidate.key });
      },
    })),
    { id: 'forge-install-upgrade', category: 'Forge', title: `Install/Upgrade (${environment})`, pane: 'environments', run: () => askForge({ action: 'install-upgrade', environment }) },
  ];
}
