import { useCommandRegistry, useCommands } from '../../ui/commands';
import { shortcutLabel } from '../../ui/layout/shortcuts';

/** The key that shows the Search view with its box focused, as in VS Code. */
export const FIND_IN_FILES = 'Ctrl+Shift+F';

function focusQuery(): void {
  const input = document.querySelector<HTMLInputElement>('.search-view .search-query');
  input?.focus();
  input?.select();
}

/**
 * The Search view's activity-bar icon. The activity bar is always on the page (the view only once
 * shown), so the icon is what keeps "Search: Find in Files" in the palette.
 */
export function SearchIcon() {
  const registry = useCommandRegistry();
  useCommands([
    {
      id: 'search-find-in-files',
      category: 'Search',
      title: 'Find in Files',
      shortcut: shortcutLabel(FIND_IN_FILES),
      run: () => {
        // The layout's own command shows the view; the box is there from the frame after.
        registry?.run('show-search');
        requestAnimationFrame(() => requestAnimationFrame(focusQuery));
      },
    },
  ]);
  return <>⌕</>;
}
