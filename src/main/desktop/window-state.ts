/** Window size and position, remembered between runs and clamped to the displays that exist now. Pure: no Electron. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: WindowBounds | null;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must be on a display for the window to count as reachable. */
const MIN_VISIBLE = 100;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** What was stored (electron-store, any shape) → a state, or the default when it is not usable. */
export function readWindowState(raw: unknown): WindowState {
  const r = (raw ?? {}) as { bounds?: Partial<WindowBounds> | null; maximized?: unknown };
  const b = r.bounds;
  const bounds = b && finite(b.x) && finite(b.y) && finite(b.width) && finite(b.height) ? { x: b.x, y: b.y, width: b.width, height: b.height } : null;
  return { bounds, maximized: r.maximized === true };
}

function overlap(a: WindowBounds, b: WindowBounds): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the remembered bounds if the window would still be reachable on one of
 * `workAreas` (a display was unplugged, the resolution changed), shrunk to fit that display; otherwise
 * the default size centred on the primary (first) work area.
 */
export function placeWindow(saved: WindowBounds | null, workAreas: readonly WindowBounds[]): WindowBounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const centred = (area: WindowBounds, width: number, height: number): WindowBounds => {
    const w = Math.min(width, area.width);
    const h = Math.min(height, area.height);
    return { x: Math.round(area.x + (area.width - w) / 2), y: Math.round(area.y + (area.height - h) / 2), width: w, height: h };
  };
  if (!saved) return centred(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
  const width = Math.max(MIN_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.height));
  const titleBar = { x: saved.x, y: saved.y, width, height: 40 };
  const home = workAreas.find((a) => {
    const o = overlap(titleBar, a);
    return o.w >= Math.min(MIN_VISIBLE, width) && o.h > 0;
  });
  if (!home) return centred(primary, width, height);
  const w = Math.min(width, home.width);
  const h = Math.min(height, home.height);
  const x = Math.min(Math.max(Math.round(saved.x), home.x), home.x + home.width - w);
  const y = Math.min(Math.max(Math.round(saved.y), home.y), home.y + home.height - h);
  return { x, y, width: w, height: h };
}
