// `npm run lint`: every import in common/, main/, preload/ and renderer/ against the boundary rule.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { importViolation, inContextViolations } from './boundaries.mjs';
import { ROOT } from './setup.mjs';

const LAYERS = ['common', 'main', 'preload', 'renderer'];

function* sourceFiles(folder) {
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) yield* sourceFiles(relative);
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield relative;
  }
}

let problems = 0;
let checked = 0;
for (const layer of LAYERS) {
  for (const file of sourceFiles(layer)) {
    checked += 1;
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const imported of importedFiles) {
      // Type-only imports vanish at run time, but the boundary is about dependencies, so they count too.
      const problem = importViolation(file, imported.fileName);
      if (problem) {
        const line = text.slice(0, imported.pos).split('\n').length;
        console.error(`${file}:${line}: import '${imported.fileName}': ${problem}`);
        problems += 1;
      }
    }
    for (const { line, message } of inContextViolations(file, text)) {
      console.error(`${file}:${line}: ${message}`);
      problems += 1;
    }
  }
}
if (problems > 0) {
  console.error(`boundaries: ${problems} problem(s) in ${checked} files`);
  process.exit(1);
}
console.log(`boundaries: ${checked} files, no problems`);
