import { describe, expect, it } from 'vitest';
import { workbenchWindowOptions } from './window-options';

describe('workbench window options', () => {
  it('follow the Electron security checklist', () => {
    const options = workbenchWindowOptions('/app/out/preload/preload.cjs', { width: 1200, height: 800, maximized: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('restore the remembered size and position', () => {
    expect(workbenchWindowOptions('/p', { width: 1000, height: 700, x: 40, y: 50, maximized: true })).toMatchObject({ width: 1000, height: 700, x: 40, y: 50 });
  });
});
