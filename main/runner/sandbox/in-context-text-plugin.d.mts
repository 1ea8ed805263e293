import type { Plugin } from 'esbuild';

export declare function inContextTextPlugin(): Plugin;
