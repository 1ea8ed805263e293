import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../common/types';
import { LineBuffer } from './lineBuffer';

const line = (id: number): LogLine => ({
  id,
  ts: id * 1000,
  environment: 'development',
  level: 'info',
  message: `line ${id}`,
  invocationId: null,
  functionKey: null,
  moduleKey: null,
  installation: null,
  fields: null,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => line(from + index));
const ids = (buffer: LineBuffer) => buffer.lines.map((shown) => shown.id);

describe('LineBuffer', () => {
  it('shows the first page oldest first, then live lines newer than it, without duplicates', () => {
    const buffer = new LineBuffer(100);
    buffer.startLoading();
    expect(buffer.receive([line(4), line(5)])).toBe(false);
    buffer.loaded(range(1, 4).reverse());
    expect(ids(buffer)).toEqual([1, 2, 3, 4]);
    buffer.flush();
    expect(ids(buffer)).toEqual([1, 2, 3, 4, 5]);
    expect(buffer.receive([line(5), line(6)])).toBe(true);
    buffer.flush();
    expect(ids(buffer)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps at most max lines, dropping the oldest', () => {
    const buffer = new LineBuffer(10);
    buffer.loaded([]);
    buffer.receive(range(1, 25));
    buffer.flush();
    expect(ids(buffer)).toEqual(range(16, 25).map((shown) => shown.id));
  });

  it('holds and counts lines while paused, and shows them on resume', () => {
    const buffer = new LineBuffer(10);
    buffer.loaded([line(1)]);
    buffer.pause();
    buffer.receive(range(2, 4));
    expect(buffer.flush()).toBe(false);
    expect(buffer.heldCount).toBe(3);
    expect(ids(buffer)).toEqual([1]);
    expect(buffer.resume()).toBe(false);
    expect(ids(buffer)).toEqual([1, 2, 3, 4]);
    expect(buffer.heldCount).toBe(0);
  });

  it('prepends older pages, and asks for a fresh query once they pushed the newest out', () => {
    const buffer = new LineBuffer(6);
    buffer.loaded(range(7, 10).reverse());
    buffer.pause();
    buffer.prepend(range(3, 6).reverse());
    expect(ids(buffer)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(buffer.resume()).toBe(true);
  });

  it('stays bounded when no frame comes to flush', () => {
    const buffer = new LineBuffer(10);
    buffer.loaded([]);
    for (let from = 1; from < 1000; from += 10) buffer.receive(range(from, from + 9));
    buffer.flush();
    expect(buffer.lines.length).toBe(10);
    expect(buffer.lines.at(-1)?.id).toBe(1000);
  });
});
