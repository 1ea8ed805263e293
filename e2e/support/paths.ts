import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_APP = path.join(PROJECT_ROOT, 'resources', 'sample-app');
export const OUTPUT_DIR = path.join(PROJECT_ROOT, 'e2e', 'output');
