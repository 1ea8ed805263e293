import type { BuildOptions, BuildResult } from 'esbuild';

export declare const NODE_LIBS_DEFINE: string;
export declare function nodeLibsBuildOptions(): BuildOptions & { write: false };
export declare function nodeLibsDefine(build: (options: BuildOptions & { write: false }) => Promise<BuildResult<{ write: false }>>): Promise<Record<string, string>>;
