export { memorySettings } from './memory-settings';
export { sampleAppCopy, scratchFolder } from './scratch';
export { addFiles, oneFunctionManifest, smallApp } from './small-app';
export { filesUnder } from './files-under';
export { noisyApp } from './noisy-app';
export { capturedIO } from './captured-io';
