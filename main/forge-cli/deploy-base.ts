import type { UpgradeDiff } from '../../common/types';
import { listBases, previewConsent, versionChange } from '../consent';
import { parseManifest } from '../manifest';
import { lastForgeDeploy } from './deployed-manifests';

/**
 * The next version against what is deployed: the manifest Anvil last deployed to this environment
 * with the Forge CLI, else the snapshot saved as "installed" in the Consent pane; null when Anvil
 * knows neither (then `noBase` says how to give it one).
 */
export async function versionAgainstDeployed(options: {
  appFolder: string;
  dataDir: string | null;
  environment: string;
  manifestText: string;
}): Promise<{ change: UpgradeDiff | null; noBase: string }> {
  const noBase = `Anvil has no record of what is deployed to ${options.environment}: after a deploy from here it compares with that; until then, save the installed manifest as a snapshot in the Consent pane.`;
  if (!options.dataDir) return { change: null, noBase };
  const deployed = await lastForgeDeploy(options.dataDir, options.appFolder, options.environment);
  if (deployed) {
    const label = `the last deploy to ${options.environment} from Anvil (${deployed.deployedAt.toISOString().slice(0, 16).replace('T', ' ')})`;
    return { change: versionChange(parseManifest(deployed.text).value, parseManifest(options.manifestText).value, label), noBase };
  }
  if ((await listBases(options.appFolder, options.dataDir)).snapshot) {
    const preview = await previewConsent({ appFolder: options.appFolder, manifestText: options.manifestText, environment: options.environment, base: { kind: 'snapshot' }, dataDir: options.dataDir });
    return { change: preview.upgrade, noBase };
  }
  return { change: null, noBase };
}
