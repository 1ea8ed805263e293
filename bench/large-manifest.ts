/**
 * A 5 MB manifest (a real one from the corpus with its modules repeated under unique keys, generated
 * here, never stored) against the sample app's, in one run: time from opening the app to its first
 * diagnostics and install screen, and what one keystroke costs the core (analysis and consent preview,
 * as the editor and the Consent pane ask) and the editor (judging the size before sending anything).
 * Prints figures with the ratio; never fails.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleAppFolder } from '../main/project-root';
import { openFileSettings } from '../main/settings';
import { largeManifest } from '../main/testing/large-manifest';
import { Workbench } from '../main/workbench';
import { oversizeReport } from '../renderer/features/manifest-editor/oversizeReport';
import { printFigures } from './measure';

const KEYSTROKES = 40;
const WARM_UP = 5;

function appWith(manifest: string | null): string {
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-')), 'app');
  cpSync(sampleAppFolder(), folder, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  if (manifest !== null) writeFileSync(path.join(folder, 'manifest.yml'), manifest);
  return folder;
}

/** Open the app and ask what the page asks first: the analysis and the install screen of the manifest as read. */
async function firstDiagnostics(folder: string): Promise<{ workbench: Workbench; ms: number; diagnostics: number }> {
  const started = performance.now();
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-settings-'))) });
  await workbench.openApp({ folder });
  const { text } = await workbench.readManifest();
  const [report] = await Promise.all([workbench.analyzeManifest({ text }), workbench.previewConsent({ text }).catch(() => null)]);
  return { workbench, ms: performance.now() - started, diagnostics: report.diagnostics.length };
}

/** One keystroke as the core sees it (analysis and consent preview of the edited text), and as the editor sees it. */
async function keystrokes(workbench: Workbench, text: string): Promise<{ core: number[]; editor: number[] }> {
  const core: number[] = [];
  const editor: number[] = [];
  for (let index = 0; index < KEYSTROKES + WARM_UP; index += 1) {
    // Joined into one flat string, as the editor's getValue() hands it over.
    const edited = [text, `# typing ${'x'.repeat(index % 20)}\n`].join('');
    let started = performance.now();
    oversizeReport(edited, 0);
    const editorMs = performance.now() - started;
    started = performance.now();
    await Promise.all([workbench.analyzeManifest({ text: edited }), workbench.previewConsent({ text: edited }).catch(() => null)]);
    if (index >= WARM_UP) {
      core.push(performance.now() - started);
      editor.push(editorMs);
    }
  }
  return { core, editor };
}

async function main() {
  const huge = largeManifest(5 * 1024 * 1024);
  const sampleFolder = appWith(null);
  const hugeFolder = appWith(huge);
  const sampleText = readFileSync(path.join(sampleFolder, 'manifest.yml'), 'utf8');

  const sample = await firstDiagnostics(sampleFolder);
  const large = await firstDiagnostics(hugeFolder);
  console.log(`\n# time to first diagnostics (open the app, read the manifest, analyse it and preview consent)`);
  console.log(`sample manifest (${(sampleText.length / 1024).toFixed(1)} KB): ${sample.ms.toFixed(0)} ms, ${sample.diagnostics} diagnostics`);
  console.log(`generated manifest (${(huge.length / 1024 / 1024).toFixed(1)} MB): ${large.ms.toFixed(0)} ms, ${large.diagnostics} diagnostics`);
  console.log(`ratio: ×${(large.ms / sample.ms).toFixed(2)}`);

  const sampleKeys = await keystrokes(sample.workbench, sampleText);
  const hugeKeys = await keystrokes(large.workbench, huge);
  console.log(`\n# one keystroke: the core's analysis and consent preview of the edited text`);
  printFigures('5 MB manifest, core', hugeKeys.core, 'sample manifest, core (baseline)', sampleKeys.core);
  console.log(`\n# one keystroke: the editor judging the size before it sends anything`);
  printFigures('5 MB manifest, editor', hugeKeys.editor, 'sample manifest, editor (baseline)', sampleKeys.editor);
  sample.workbench.close();
  large.workbench.close();
}

void main();
