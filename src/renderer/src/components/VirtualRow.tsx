/**
 * The rows of a virtualised grid table (contacts, campaign messages, message log). The window holds
 * the rendered rows in normal flow, shifted by one transform to the first one's position, so a scroll
 * frame writes one style (the window's) instead of one per row. Rows all have the table's fixed
 * height; their style object is shared (cached per height and columns), so React never re-applies it.
 */
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';

export interface VirtualWindowProps {
  /** Height of all rows together (the virtualiser's total size). */
  totalSize: number;
  /** Where the first rendered row starts. */
  offset: number;
  children: ReactNode;
}

export function VirtualWindow({ totalSize, offset, children }: VirtualWindowProps) {
  return (
    <div style={{ height: totalSize, position: 'relative' }}>
      <div style={{ transform: `translateY(${offset}px)` }}>{children}</div>
    </div>
  );
}

export interface VirtualRowProps extends Omit<HTMLAttributes<HTMLDivElement>, 'style' | 'role'> {
  height: number;
  columns: string;
  children: ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}

const rowStyles = new Map<string, CSSProperties>();
function rowStyle(height: number, columns: string): CSSProperties {
  const key = `${height}|${columns}`;
  let style = rowStyles.get(key);
  if (!style) {
    style = {
      height,
      display: 'grid',
      gridTemplateColumns: columns,
      gap: 12,
      alignItems: 'center',
      padding: '0 12px',
      borderBottom: '1px solid var(--mantine-color-default-border)',
    };
    rowStyles.set(key, style);
  }
  return style;
}

export function VirtualRow({ height, columns, children, ...rest }: VirtualRowProps) {
  return (
    <div role="row" {...rest} style={rowStyle(height, columns)}>
      {children}
    </div>
  );
}
