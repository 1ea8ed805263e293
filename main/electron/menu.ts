import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openAppFolder(): void;
  recentApps(): string[];
  openRecent(folder: string): void;
}

/** The native menu: File (open app folder, recent apps), Edit, View, Window, with the usual shortcuts. */
export function installMenu(actions: MenuActions): void {
  const recent = actions.recentApps();
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open App Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openAppFolder() },
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.map((folder) => ({ label: folder, click: () => actions.openRecent(folder) })),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
