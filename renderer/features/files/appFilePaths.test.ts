import { describe, expect, it } from 'vitest';
import { fileOfModelPath, isCodeFile, languageOfFile, LARGE_FILE_CHARS, modelPathOf, readOnlyReason, tabLabels } from './appFilePaths';

describe('app file names in the editor area', () => {
  it('gives each file the grammar of its kind, and plain text where there is none', () => {
    expect(languageOfFile('src/index.js')).toBe('javascript');
    expect(languageOfFile('src/frontend/index.jsx')).toBe('javascript');
    expect(languageOfFile('src/util.TS')).toBe('typescript');
    expect(languageOfFile('src/App.tsx')).toBe('typescript');
    expect(languageOfFile('package.json')).toBe('json');
    expect(languageOfFile('static/radar-page/radar.css')).toBe('css');
    expect(languageOfFile('README')).toBe('plaintext');
    expect(languageOfFile('.env.example')).toBe('plaintext');
  });

  it('brings in the TypeScript service only for JavaScript and TypeScript files', () => {
    expect(isCodeFile('src/index.js')).toBe(true);
    expect(isCodeFile('src/a.tsx')).toBe(true);
    expect(isCodeFile('manifest.yml')).toBe(false);
    expect(isCodeFile('package.json')).toBe(false);
  });

  it('maps a file to its model path and back', () => {
    expect(modelPathOf('src/index.js')).toBe('/src/index.js');
    expect(fileOfModelPath(modelPathOf('src/frontend/index.jsx'))).toBe('src/frontend/index.jsx');
  });

  it('opens binary and very large files read-only, saying why', () => {
    expect(readOnlyReason('export const a = 1;\n')).toBeNull();
    expect(readOnlyReason('PNG\u0000\u0001\u0002')).toMatch(/binary/);
    expect(readOnlyReason('\uFFFD'.repeat(50) + 'abc')).toMatch(/binary/);
    expect(readOnlyReason('a'.repeat(LARGE_FILE_CHARS + 1))).toMatch(/large.*read-only/);
    expect(readOnlyReason('a'.repeat(LARGE_FILE_CHARS))).toBeNull();
  });

  it('labels tabs by file name, with the folder only where two open files share a name', () => {
    const labels = tabLabels(['src/index.js', 'src/frontend/index.jsx', 'src/frontend/app.js', 'index.js']);
    expect(labels.get('src/frontend/app.js')).toEqual({ name: 'app.js', hint: null });
    expect(labels.get('src/frontend/index.jsx')).toEqual({ name: 'index.jsx', hint: null });
    expect(labels.get('src/index.js')).toEqual({ name: 'index.js', hint: 'src' });
    expect(labels.get('index.js')).toEqual({ name: 'index.js', hint: '(app folder)' });
  });
});
