/**
 * The message log, virtualised: only visible rows are in the DOM, and their keyset pages load as they
 * scroll in. Rows are plain elements (no per-row popovers) so a long fling stays smooth.
 */
import { Box, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { memo, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageLogRow } from '../../../../shared/monitoring.ts';
import { Truncate } from '../../components/Truncate.tsx';
import { VirtualRow, VirtualWindow } from '../../components/VirtualRow.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { sentTextLine, singleKindLabel } from '../../components/SentText.tsx';
import { usePagedVirtualizer } from '../../components/use-paged-virtualizer.ts';
import { logRowCount, rowAt, useMessagesLogStore } from '../../stores/messages.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';
import { LogHistory } from './LogHistory.tsx';
import './log-table.css';

export const LOG_ROW_HEIGHT = 48;
/**
 * Time (date over time) · number (name under it) · status · what was sent (campaign and provider under
 * it) · provider id or error · history. Fits the 1024 px window with the icon navbar (about 820 px for
 * the columns); wider windows give the text columns more.
 */
const COLUMNS = '100px minmax(120px, 1fr) 92px minmax(150px, 2.4fr) minmax(90px, 1fr) 64px';

/*
 * Every style a row uses is a constant: React then compares styles by identity and writes none of
 * them while a fling re-renders the rows (a fresh object per render made it diff and set each one).
 */
const CELL = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 'var(--mantine-font-size-sm)' } as const;
const TIME_CELL = { ...CELL, fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' } as const;
/** A cell of two lines: the main one, and a dimmed one under it. */
const LINE = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const NUMBER_LINE = { ...LINE, fontFamily: 'var(--mantine-font-family-monospace)' } as const;
const UNDER_LINE = { ...LINE, fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' } as const;
const UNKNOWN_TEMPLATE_LINE = { ...LINE, fontStyle: 'italic', color: 'var(--mantine-color-dimmed)' } as const;
const DETAIL_CELL = { ...CELL, fontSize: 'var(--mantine-font-size-xs)' } as const;
const ERROR_CELL = { ...DETAIL_CELL, color: 'var(--mantine-color-red-text)' } as const;
const ACTION_CELL = { textAlign: 'right' } as const;
const DOT_BASE = { display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6 } as const;
const DOTS = Object.fromEntries(
  Object.entries(STATE_COLORS).map(([state, color]) => [state, { ...DOT_BASE, background: `var(--mantine-color-${color.split('.')[0] ?? 'gray'}-filled)` }]),
) as Record<MessageLogRow['state'], CSSProperties>;
const HISTORY_BUTTON = {
  background: 'none',
  border: 0,
  padding: '2px 6px',
  cursor: 'pointer',
  color: 'var(--mantine-color-anchor)',
  font: 'inherit',
  fontSize: 'var(--mantine-font-size-xs)',
} as const;

/** The row's words, made once per language by the table (a translation hook per row cost more than the row). */
interface RowText {
  /** The date on the cell's first line, the time under it (the one date format). */
  date: (ms: number) => string;
  time: (ms: number) => string;
  state: (state: MessageLogRow['state']) => string;
  account: (row: MessageLogRow) => string;
  /** What was sent, on one line (a template whose text is not known: labelled, with its parameters). */
  sent: (row: MessageLogRow) => string;
  /** The campaign's name, or what a single message is (a reply, a box push test). */
  campaign: (row: MessageLogRow) => string;
  /** Main's English sentence (a failure) in the UI language. */
  sentence: (text: string) => string;
  history: string;
  historyNamed: (e164: string) => string;
}

interface CellsProps {
  row: MessageLogRow | undefined;
  text: RowText;
  onOpen: (row: MessageLogRow) => void;
}

/**
 * One row's cells; memoised so a scroll frame renders only the rows that came into view. A loading
 * row has the same elements and styles as a loaded one (log-table.css draws its empty cells as grey
 * bars and hides their contents), so a row filling in, or a slot moving on during a fling, changes
 * text and attributes and never creates or removes an element.
 */
const LogRowCells = memo(function LogRowCells({ row, text, onOpen }: CellsProps) {
  const errorMessage = row?.errorMessage ? text.sentence(row.errorMessage) : null;
  const button = useRef<HTMLButtonElement>(null);
  // The slot's elements serve other messages as the list scrolls: a focused History button gives up
  // focus when its message changes, rather than silently becoming another message's button. In the
  // effect, not its cleanup: React puts back, after its DOM changes, the focus it saw before them.
  const id = row?.id;
  const shown = useRef(id);
  useLayoutEffect(() => {
    if (shown.current !== id && button.current !== null && button.current === document.activeElement) button.current.blur();
    shown.current = id;
  }, [id]);
  return (
    <>
      <span role="cell" style={TIME_CELL}>
        <span style={LINE}>{row ? text.date(row.handedAt ?? row.updatedAt) : ''}</span>
        <span style={LINE}>{row ? text.time(row.handedAt ?? row.updatedAt) : ''}</span>
      </span>
      <span role="cell" style={CELL} title={row?.name ? `${row.e164}\n${row.name}` : undefined}>
        <span style={NUMBER_LINE} data-testid={row ? 'log-number' : undefined}>
          {row?.e164 ?? ''}
        </span>
        <span style={UNDER_LINE} data-testid={row?.name ? 'log-name' : undefined}>
          {row?.name ?? ''}
        </span>
      </span>
      <span role="cell" style={CELL}>
        <span style={DOTS[row?.state ?? 'queued']} aria-hidden />
        <span data-testid={row ? 'log-state' : undefined}>{row ? text.state(row.state) : ''}</span>
      </span>
      <span role="cell" style={CELL} title={row ? `${text.sent(row)}\n${text.campaign(row)} · ${text.account(row)}` : undefined}>
        <span style={row?.template && !row.template.known ? UNKNOWN_TEMPLATE_LINE : LINE} data-testid={row ? 'log-text' : undefined}>
          {row ? text.sent(row) : ''}
        </span>
        <span style={UNDER_LINE} data-testid={row ? 'log-row-campaign' : undefined} data-kind={row?.campaignKind}>
          {row ? `${text.campaign(row)} · ${text.account(row)}` : ''}
        </span>
      </span>
      <span role="cell" style={errorMessage ? ERROR_CELL : DETAIL_CELL} title={row ? (errorMessage ?? row.providerId ?? undefined) : undefined}>
        {row ? (errorMessage ?? row.providerId ?? '') : ''}
      </span>
      <span role="cell" style={ACTION_CELL}>
        <button
          ref={button}
          type="button"
          className="mantine-focus-auto"
          onClick={row ? () => onOpen(row) : undefined}
          tabIndex={row ? undefined : -1}
          aria-label={row ? text.historyNamed(row.e164) : undefined}
          data-testid={row ? 'log-history' : undefined}
          style={HISTORY_BUTTON}
        >
          {text.history}
        </button>
      </span>
    </>
  );
});

export function LogTable() {
  const { t, i18n } = useTranslation(['messages', 'campaigns', 'accounts']);
  const status = useMessagesLogStore((s) => s.status);
  const pages = useMessagesLogStore((s) => s.pages);
  const cursors = useMessagesLogStore((s) => s.cursors);
  const endCount = useMessagesLogStore((s) => s.endCount);
  const ensure = useMessagesLogStore((s) => s.ensure);
  const parent = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<MessageLogRow | null>(null);
  const count = status === 'ready' || status === 'error' ? logRowCount({ cursors, endCount }) : 0;
  const dt = useDateTime();
  const text = useMemo<RowText>(() => {
    // Translated once per language here, not per row render: a fling renders every visible row each frame.
    const states = new Map<string, string>();
    const kinds = new Map<string, string>();
    const singles = new Map<string, string>();
    const cached = (map: Map<string, string>, key: string, make: () => string) => map.get(key) ?? map.set(key, make()).get(key)!;
    const MARK = '\u0001';
    const [before = '', after = ''] = t('campaigns:messages.historyNamed', { number: MARK }).split(MARK);
    return {
      date: (ms) => dt.date(ms),
      time: (ms) => dt.time(ms, { seconds: true }),
      state: (state) => cached(states, state, () => t(`campaigns:messageStates.${state}`)),
      account: (row) => {
        const kind = cached(kinds, row.provider, () => t(`accounts:kinds.${row.provider}`));
        return row.port !== null ? `${kind} · ${t('table.port', { port: row.port })}` : kind;
      },
      sent: (row) => sentTextLine(t, row),
      campaign: (row) => (row.campaignKind === 'campaign' ? row.campaignName : cached(singles, row.campaignKind, () => singleKindLabel(t, row.campaignKind) ?? '')),
      sentence: (s) => sentenceText(i18n, s),
      history: t('campaigns:messages.history'),
      historyNamed: (e164) => `${before}${e164}${after}`,
    };
  }, [t, i18n, i18n.language, dt]);

  const { virtualizer, items, slotKey } = usePagedVirtualizer({
    count,
    rowHeight: LOG_ROW_HEIGHT,
    overscan: 3,
    parent,
    ensure,
    initialRect: { width: 1000, height: 600 },
  });

  return (
    <Paper withBorder>
      <Box role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        {(['time', 'number', 'state', 'text', 'detail'] as const).map((c) => (
          <Truncate key={c} size="sm" fw={600} role="columnheader">
            {t(`table.${c}`)}
          </Truncate>
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
        <VirtualWindow totalSize={virtualizer.getTotalSize()} offset={items[0]?.start ?? 0}>
          {items.map((item) => {
            const row = rowAt({ pages }, item.index);
            return (
              <VirtualRow
                key={slotKey(item.index)}
                aria-rowindex={item.index + 1}
                className="log-row"
                aria-busy={row ? undefined : true}
                data-loading={row ? undefined : ''}
                data-testid={row ? 'log-row' : 'log-row-loading'}
                data-state={row?.state}
                data-e164={row?.e164}
                data-id={row?.id}
                height={LOG_ROW_HEIGHT}
                columns={COLUMNS}
              >
                <LogRowCells row={row} text={text} onOpen={setOpen} />
              </VirtualRow>
            );
          })}
        </VirtualWindow>
      </div>
      <LogHistory row={open} onClose={() => setOpen(null)} />
    </Paper>
  );
}
