import type { BrowserWindowConstructorOptions } from 'electron';
import type { SettingsData } from '../settings';

/**
 * Options of every workbench window, in one place so a test can hold them to the Electron
 * security checklist: isolated, sandboxed, no Node in the renderer, no webviews, no mixed content.
 */
export function workbenchWindowOptions(preloadPath: string, bounds: SettingsData['window']): BrowserWindowConstructorOptions {
  return {
    width: bounds.width,
    height: bounds.height,
    x: bounds.x,
    y: bounds.y,
    minWidth: 900,
    minHeight: 600,
    title: 'Anvil',
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
