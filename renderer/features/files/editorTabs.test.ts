import { describe, expect, it } from 'vitest';
import { afterClose, cycle, tabKeyTarget } from './editorTabs';

const order = ['manifest.yml', 'src/a.js', 'src/b.js', 'src/c.js'];

describe('editor tabs', () => {
  it('closing the shown tab shows its right neighbour, or the left one at the end', () => {
    expect(afterClose(order, 'src/b.js', 'src/b.js')).toBe('src/c.js');
    expect(afterClose(order, 'src/c.js', 'src/c.js')).toBe('src/b.js');
    expect(afterClose(['src/a.js'], 'src/a.js', 'src/a.js')).toBeNull();
  });

  it('closing another tab keeps the shown one', () => {
    expect(afterClose(order, 'src/a.js', 'src/c.js')).toBe('src/a.js');
  });

  it('Ctrl+Tab and the arrow keys wrap around the strip', () => {
    expect(cycle(order, 'src/c.js', 1)).toBe('manifest.yml');
    expect(cycle(order, 'manifest.yml', -1)).toBe('src/c.js');
    expect(tabKeyTarget(order, 'src/a.js', 'ArrowRight')).toBe('src/b.js');
    expect(tabKeyTarget(order, 'src/a.js', 'ArrowLeft')).toBe('manifest.yml');
    expect(tabKeyTarget(order, 'src/a.js', 'Home')).toBe('manifest.yml');
    expect(tabKeyTarget(order, 'src/a.js', 'End')).toBe('src/c.js');
    expect(tabKeyTarget(order, 'src/a.js', 'x')).toBeNull();
  });
});
