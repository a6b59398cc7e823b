/**
 * A virtualised list whose rows are loaded in pages: renders only what is on screen (plus `overscan`)
 * and asks the store to load the rows in view (`ensure(from, toExclusive)`) whenever that range moves.
 * Used by the contacts table, a campaign's messages and the message log.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';

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
   * `index % slots` is distinct within it, and a row scrolling out hands its DOM to the one scrolling
   * in. A fling then updates the visible rows' text instead of unmounting and creating them every
   * frame. `slots` is the largest window seen, not the current one: the window grows or shrinks by a
   * row as the offset falls, and a changing modulus would hand every slot to another row at once.
   * Interactive controls inside a row must not carry focus or state to the row that takes the slot:
   * key them by the row's own id, or (the message log) blur them when the row changes.
   */
  const slots = useRef(1);
  slots.current = Math.max(slots.current, items.length);
  const slotKey = (index: number) => index % slots.current;
  return { virtualizer, items, slotKey };
}
