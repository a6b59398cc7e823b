/**
 * A virtualised list whose rows are loaded in pages: renders only what is on screen (plus `overscan`)
 * and asks the store to load the rows in view (`ensure(from, toExclusive)`) whenever that range moves.
 * Used by the contacts table, a campaign's messages and the message log.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';

export interface PagedVirtualizerOptions {
  count: number;
  rowHeight: number;
  overscan: number;
  parent: RefObject<HTMLDivElement | null>;
  ensure: (from: number, to: number) => unknown;
  /** Size assumed before the scroll box is measured (jsdom never measures). */
  initialRect: { width: number; height: number };
}

export function usePagedVirtualizer({ count, rowHeight, overscan, parent, ensure, initialRect }: PagedVirtualizerOptions) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) void ensure(first, last + 1);
  }, [first, last, count, ensure]);
  /**
   * A React key per rendered slot rather than per row: the window is a run of consecutive indexes, so
   * `index % length` is distinct within it, and a row scrolling out hands its DOM to the one scrolling
   * in. A fling then updates ~35 rows' text instead of unmounting and creating them every frame.
   * Interactive controls inside a row must be keyed by the row's own id, so that focus (and any
   * control state) never passes to the row that takes the slot.
   */
  const slotKey = (index: number) => index % Math.max(1, items.length);
  return { virtualizer, items, slotKey };
}
