import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleAppCopy } from './scratch';

/** A copy of the sample app with a resolver `noisy` that logs at three levels, including what it was given. */
export function noisyApp(): string {
  const app = sampleAppCopy();
  const source = path.join(app, 'src', 'index.js');
  const noisy =
    "resolver.define('noisy', async ({ payload }) => { console.log('checking', payload.issue); console.warn('slow answer from Jira'); console.error('token was', payload.token); return 'done'; });";
  writeFileSync(source, readFileSync(source, 'utf8').replace('export const handler', `${noisy}\nexport const handler`));
  return app;
}
