import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './shortcuts';

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('layout shortcuts', () => {
  it('Ctrl+B toggles with Ctrl or ⌘, but not with Shift or Alt added', () => {
    expect(matchesShortcut(press('b', { ctrlKey: true }), 'Ctrl+B')).toBe(true);
    expect(matchesShortcut(press('b', { metaKey: true }), 'Ctrl+B')).toBe(true);
    expect(matchesShortcut(press('B', { ctrlKey: true, shiftKey: true }), 'Ctrl+B')).toBe(false);
    expect(matchesShortcut(press('b', { ctrlKey: true, altKey: true }), 'Ctrl+B')).toBe(false);
    expect(matchesShortcut(press('b'), 'Ctrl+B')).toBe(false);
  });

  it('Ctrl+Shift+E matches by the physical key when Shift changes what the key types', () => {
    expect(matchesShortcut(press('E', { ctrlKey: true, shiftKey: true, code: 'KeyE' }), 'Ctrl+Shift+E')).toBe(true);
    expect(matchesShortcut(press('~', { ctrlKey: true, code: 'Backquote' }), 'Ctrl+`')).toBe(true);
    expect(matchesShortcut(press('`', { ctrlKey: true }), 'Ctrl+`')).toBe(true);
  });

  it('named keys match by name: F6 and Shift+F6 are different shortcuts', () => {
    expect(matchesShortcut(press('F6'), 'F6')).toBe(true);
    expect(matchesShortcut(press('F6', { shiftKey: true }), 'F6')).toBe(false);
    expect(matchesShortcut(press('F6', { shiftKey: true }), 'Shift+F6')).toBe(true);
  });
});
