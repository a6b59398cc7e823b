import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, readWindowState } from '../../../src/main/desktop/window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('reads only well-formed stored state', () => {
    expect(readWindowState(null)).toEqual({ bounds: null, maximized: false });
    expect(readWindowState({ bounds: { x: 1, y: 2, width: 'big', height: 3 }, maximized: true })).toEqual({ bounds: null, maximized: true });
    expect(readWindowState({ bounds: { x: 1, y: 2, width: 1000, height: 700 } }).bounds).toEqual({ x: 1, y: 2, width: 1000, height: 700 });
  });

  it('opens at the default size centred on the primary display the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ x: 80, y: 40, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });

  it('keeps remembered bounds that are on a display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900 };
    expect(placeWindow(saved, [laptop, external])).toEqual(saved);
  });

  it('moves a window whose display was unplugged back to the primary display', () => {
    const b = placeWindow({ x: 1600, y: 100, width: 1400, height: 900 }, [laptop]);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(1440);
    expect(b.height).toBeLessThanOrEqual(900);
  });

  it('pulls a window hanging off the edge back inside and shrinks it to the display', () => {
    expect(placeWindow({ x: 1000, y: -50, width: 2000, height: 1200 }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('never opens smaller than the minimum size', () => {
    const b = placeWindow({ x: 10, y: 10, width: 100, height: 100 }, [laptop]);
    expect(b.width).toBe(960);
    expect(b.height).toBe(600);
  });
});
