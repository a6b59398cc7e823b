/**
 * One row of a virtualised grid table (contacts, campaign messages, message log): absolutely placed at
 * `start`, laid out in the table's grid columns. Data attributes (`data-*`, `aria-*`) pass through.
 */
import type { HTMLAttributes, ReactNode } from 'react';

export interface VirtualRowProps extends Omit<HTMLAttributes<HTMLDivElement>, 'style' | 'role'> {
  start: number;
  height: number;
  columns: string;
  children: ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}

export function VirtualRow({ start, height, columns, children, ...rest }: VirtualRowProps) {
  return (
    <div
      role="row"
      {...rest}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: columns,
        gap: 12,
        alignItems: 'center',
        padding: '0 12px',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {children}
    </div>
  );
}
