/**
 * The message log, virtualised: only visible rows are in the DOM, and their keyset pages load as they
 * scroll in. Rows are plain elements (no per-row popovers) so a long fling stays smooth.
 */
import { Box, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageLogRow } from '../../../../shared/monitoring.ts';
import { VirtualRow } from '../../components/VirtualRow.tsx';
import { usePagedVirtualizer } from '../../components/use-paged-virtualizer.ts';
import { logRowCount, rowAt, useMessagesLogStore } from '../../stores/messages.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';
import { LogHistory } from './LogHistory.tsx';

export const LOG_ROW_HEIGHT = 40;
const COLUMNS = '150px minmax(130px, 1fr) 110px minmax(120px, 1.2fr) minmax(110px, 1fr) minmax(140px, 1.6fr) 90px';
const cell = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 'var(--mantine-font-size-sm)' } as const;

const formats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(language: string): Intl.DateTimeFormat {
  let f = formats.get(language);
  if (!f) formats.set(language, (f = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' })));
  return f;
}

function stateColor(row: MessageLogRow): string {
  const c = STATE_COLORS[row.state].split('.')[0] ?? 'gray';
  return `var(--mantine-color-${c}-filled)`;
}


interface CellsProps {
  row: MessageLogRow | undefined;
  onOpen: (row: MessageLogRow) => void;
}

/** One row's cells; memoised so a scroll frame renders only the rows that came into view. */
const LogRowCells = memo(function LogRowCells({ row, onOpen }: CellsProps) {
  const { t, i18n } = useTranslation(['messages', 'campaigns', 'accounts']);
  const time = timeFormat(i18n.language);
  return (
    <>
      {row ? (
        <>
          <span role="cell" style={{ ...cell, fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>
            {time.format(row.handedAt ?? row.updatedAt)}
          </span>
          <span role="cell" style={{ ...cell, fontFamily: 'var(--mantine-font-family-monospace)' }} data-testid="log-number">
            {row.e164}
          </span>
          <span role="cell" style={cell}>
            <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6, background: stateColor(row) }} aria-hidden />
            <span data-testid="log-state">{t(`campaigns:messageStates.${row.state}`)}</span>
          </span>
          <span role="cell" style={cell} title={row.campaignName}>
            {row.campaignName}
          </span>
          <span role="cell" style={cell}>
            {t(`accounts:kinds.${row.provider}`)}
            {row.port !== null ? ` · ${t('table.port', { port: row.port })}` : ''}
          </span>
          <span role="cell" style={{ ...cell, fontSize: 'var(--mantine-font-size-xs)', color: row.errorMessage ? 'var(--mantine-color-red-text)' : undefined }} title={row.errorMessage ?? row.providerId ?? undefined}>
            {row.errorMessage ?? row.providerId ?? ''}
          </span>
          {/* Keyed by message: a focused History button must not move to another row when the slot is reused. */}
          <span key={row.id} role="cell" style={{ textAlign: 'right' }}>
            <button
              type="button"
              className="mantine-focus-auto"
              onClick={() => onOpen(row)}
              aria-label={t('campaigns:messages.historyNamed', { number: row.e164 })}
              data-testid="log-history"
              style={{ background: 'none', border: 0, padding: '2px 6px', cursor: 'pointer', color: 'var(--mantine-color-anchor)', font: 'inherit', fontSize: 'var(--mantine-font-size-xs)' }}
            >
              {t('campaigns:messages.history')}
            </button>
          </span>
        </>
      ) : (
        <Skeleton height={12} radius="sm" animate={false} style={{ gridColumn: '1 / -1' }} />
      )}
    </>
  );
});

export function LogTable() {
  const { t } = useTranslation(['messages', 'campaigns', 'accounts']);
  const status = useMessagesLogStore((s) => s.status);
  const pages = useMessagesLogStore((s) => s.pages);
  const cursors = useMessagesLogStore((s) => s.cursors);
  const endCount = useMessagesLogStore((s) => s.endCount);
  const ensure = useMessagesLogStore((s) => s.ensure);
  const parent = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<MessageLogRow | null>(null);
  const count = status === 'ready' || status === 'error' ? logRowCount({ cursors, endCount }) : 0;

  const { virtualizer, items, slotKey } = usePagedVirtualizer({
    count,
    rowHeight: LOG_ROW_HEIGHT,
    overscan: 10,
    parent,
    ensure,
    initialRect: { width: 1000, height: 600 },
  });

  return (
    <Paper withBorder>
      <Box role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        {(['time', 'number', 'state', 'campaign', 'account', 'detail'] as const).map((c) => (
          <Text key={c} size="sm" fw={600} role="columnheader" truncate>
            {t(`table.${c}`)}
          </Text>
        ))}
        <span role="columnheader" aria-label={t('table.actions')} />
      </Box>
      <div
        ref={parent}
        style={{ height: 'calc(100vh - 330px)', minHeight: 280, overflow: 'auto', contain: 'strict' }}
        role="rowgroup"
        aria-label={t('table.label')}
        aria-rowcount={count}
        aria-busy={status === 'loading'}
        data-testid="log-table"
        data-count={count}
      >
        {status === 'loading' && (
          <Stack gap={8} p="md" data-testid="log-loading">
            <Skeleton height={14} />
            <Skeleton height={14} />
            <Skeleton height={14} />
          </Stack>
        )}
        {status === 'ready' && count === 0 && (
          <Text size="sm" c="dimmed" p="md" data-testid="log-empty">
            {t('empty')}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt({ pages }, item.index);
            return (
              <VirtualRow
                key={slotKey(item.index)}
                aria-rowindex={item.index + 1}
                data-testid={row ? 'log-row' : 'log-row-loading'}
                data-state={row?.state}
                data-e164={row?.e164}
                data-id={row?.id}
                start={item.start}
                height={LOG_ROW_HEIGHT}
                columns={COLUMNS}
              >
                <LogRowCells row={row} onOpen={setOpen} />
              </VirtualRow>
            );
          })}
        </div>
      </div>
      <LogHistory row={open} onClose={() => setOpen(null)} />
    </Paper>
  );
}
