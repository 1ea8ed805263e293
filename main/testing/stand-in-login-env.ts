import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_ONLY_GATEWAY_CA_FILE } from '../commands';
import { STAND_IN_LOGIN } from './forge-platform-sample';
import type { ForgePlatformStandIn } from './forge-platform-stand-in';

/**
 * The environment that points a command or a web shell at a stand-in Forge platform, as a developer's
 * would point the Forge CLI at a gateway: its URL, its certificate to trust (written into `folder`),
 * and the login in FORGE_EMAIL/FORGE_API_TOKEN (`token` replaces the stand-in's own, for one it refuses).
 */
export function standInLoginEnv(standIn: ForgePlatformStandIn, folder: string, token: string = STAND_IN_LOGIN.token): Record<string, string> {
  const caFile = path.join(folder, 'stand-in-ca.pem');
  writeFileSync(caFile, standIn.ca);
  return { FORGE_GRAPHQL_GATEWAY: standIn.url, [TEST_ONLY_GATEWAY_CA_FILE]: caFile, FORGE_EMAIL: STAND_IN_LOGIN.email, FORGE_API_TOKEN: token };
}
