import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below a folder, for tests that check nothing secret was written anywhere in it. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
