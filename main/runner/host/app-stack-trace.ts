import { readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fields, list, number, parseJson, required, string } from '../../contract';
import { appScriptName } from '../sandbox/app-script-name';
import { WRAPPER_FIRST_LINE_SHIFT } from '../sandbox/bundle-scripts';
import { sourceMapPath } from './bundle-source-map';

/** Maps kept at once; a long session with many apps must not grow without bound. */
/** The fields of a source map that place a frame (the map is the host's, written beside the bundle). */
const sourceMapPayload = fields({
  version: required(number),
  sources: required(list(string(), Number.POSITIVE_INFINITY)),
  names: required(list(string(), Number.POSITIVE_INFINITY)),
  mappings: required(string()),
});
const MAX_CACHED_MAPS = 16;
/** A larger map is not read: the frames stay unmapped rather than the host stalling on it. */
const MAX_MAP_BYTES = 64 * 1024 * 1024;

// `    at name (where)` or `    at where`; `where` ends in `:line:column` when it is a place in a file.
const FRAME = /^\s*at (?:(.+?) \((.*)\)|(.*))$/;
const PLACE = /^(.*):(\d+):(\d+)$/;

interface CachedMap {
  mtimeMs: number;
  size: number;
  map: SourceMap | null;
}

/**
 * Turns the stack of an error raised in app code into frames the developer can use: each frame in
 * the bundle becomes the app file and line it was built from (`src/deep/helper.ts:12:5`, or
 * `node_modules/<package>/…` for a dependency), and Anvil's own frames go (the sandbox's glue, the
 * runner process, the bundle's prelude that esbuild adds). Runs in the host on text the child sent;
 * app code never sees the result, nor the paths it came from.
 */
export class AppStackTraces {
  private readonly maps = new Map<string, CachedMap>();

  /** The app's frames of a V8 stack, one `    at …` line each, top first (none when no frame is the app's). */
  frames(stack: string | null, bundlePath: string): string[] {
    if (!stack) return [];
    const parsed: { line: string; app: boolean }[] = [];
    for (const text of stack.split('\n')) {
      const frame = FRAME.exec(text);
      if (!frame) continue;
      const name = frame[1] ?? null;
      const where = frame[2] ?? frame[3] ?? '';
      const place = PLACE.exec(where);
      if (!place) {
        // No file: the engine's own (`Array.map (<anonymous>)`, `Promise.all (index 0)`), kept only
        // between frames of the app (below); a name-less one says nothing.
        if (name !== null) parsed.push({ line: `    at ${name} (${where})`, app: false });
        continue;
      }
      // App code runs under a name that is not the machine's path (app-script-name.ts).
      if (place[1] !== appScriptName(bundlePath)) continue;
      const original = this.original(bundlePath, Number(place[2]), Number(place[3]));
      if (!original) continue;
      parsed.push({ line: name === null ? `    at ${original}` : `    at ${name} (${original})`, app: true });
    }
    const last = parsed.findLastIndex((frame) => frame.app);
    return parsed.slice(0, last + 1).map((frame) => frame.line);
  }

  /**
   * A log line with any stack in it mapped: its frame lines become the app's, or go. Lines that are
   * not frames stay as they are; text without a frame in the bundle is returned unchanged.
   */
  mapText(text: string, bundlePath: string): string {
    if (!text.includes(appScriptName(bundlePath))) return text;
    const out: string[] = [];
    let frames: string[] = [];
    const flush = () => {
      out.push(...this.frames(frames.join('\n'), bundlePath));
      frames = [];
    };
    for (const line of text.split('\n')) {
      if (FRAME.test(line)) frames.push(line);
      else {
        flush();
        out.push(line);
      }
    }
    flush();
    return out.join('\n');
  }

  /** `file:line:column` in the app for a 1-based place in the bundle, or null where the bundle has no source. */
  private original(bundlePath: string, line: number, column: number): string | null {
    const map = this.map(bundlePath);
    if (!map) return null;
    const generatedColumn = (line === 1 ? column - WRAPPER_FIRST_LINE_SHIFT : column) - 1;
    if (line < 1 || generatedColumn < 0) return null;
    const entry = map.findEntry(line - 1, generatedColumn) as Partial<{ generatedLine: number; originalSource: string; originalLine: number; originalColumn: number }>;
    // An entry from an earlier line is the nearest mapping before an unmapped stretch (the prelude).
    if (entry.generatedLine !== line - 1 || !entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return null;
    return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }

  private map(bundlePath: string): SourceMap | null {
    const file = sourceMapPath(bundlePath);
    let info;
    try {
      info = statSync(file);
    } catch {
      return null;
    }
    const cached = this.maps.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.map;
    let map: SourceMap | null = null;
    if (info.size <= MAX_MAP_BYTES) {
      try {
        const payload = parseJson(readFileSync(file, 'utf8'), sourceMapPayload);
        // Only what maps a frame; sources' contents are never shown, so they are not passed on.
        map = payload.ok
          ? new SourceMap({
              file: '',
              sourceRoot: '',
              sourcesContent: [],
              version: payload.value.version,
              sources: payload.value.sources,
              names: payload.value.names,
              mappings: payload.value.mappings,
            })
          : null;
      } catch {
        map = null;
      }
    }
    this.maps.delete(file);
    this.maps.set(file, { mtimeMs: info.mtimeMs, size: info.size, map });
    while (this.maps.size > MAX_CACHED_MAPS) {
      const oldest = this.maps.keys().next().value;
      if (oldest === undefined) break;
      this.maps.delete(oldest);
    }
    return map;
  }
}
