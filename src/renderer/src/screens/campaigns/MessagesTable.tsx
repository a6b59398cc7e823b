/** A campaign's messages, virtualised (only visible rows are in the DOM; pages load as they scroll in), with filters. */
import { Badge, Box, Group, MultiSelect, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATES, type MessageState } from '../../../../shared/campaigns.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentTextLine } from '../../components/SentText.tsx';
import { Truncate } from '../../components/Truncate.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { VirtualRow, VirtualWindow } from '../../components/VirtualRow.tsx';
import { usePagedVirtualizer } from '../../components/use-paged-virtualizer.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { STATE_COLORS } from './CampaignProgress.tsx';
import { MessageHistory } from './MessageHistory.tsx';
import { useDateTime } from '../../format/date-time.ts';

const ROW_HEIGHT = 48;
/**
 * Number (name under it) · status (when it last changed under it) · what was sent · segments · attempts ·
 * provider id · error · history; fits the 1024 px window with the icon navbar, wider windows give the
 * number, what was sent, provider and error columns more.
 */
const COLUMNS = 'minmax(124px, 1fr) 144px minmax(130px, 2.4fr) 56px 56px minmax(84px, 0.8fr) minmax(80px, 1fr) 72px';

export function MessagesTable() {
  const { t, i18n } = useTranslation('campaigns');
  const messages = useCampaignsStore((s) => s.messages);
  const ensure = useCampaignsStore((s) => s.ensureMessages);
  const filter = useCampaignsStore((s) => s.filterMessages);
  const [search, setSearch] = useState(messages.search);
  const [debounced] = useDebouncedValue(search, 300);
  const parent = useRef<HTMLDivElement>(null);
  const number = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();

  useEffect(() => {
    const s = useCampaignsStore.getState().messages;
    if (debounced.trim() !== s.search) void filter(s.states, debounced.trim());
  }, [debounced, filter]);

  const { virtualizer, items, slotKey } = usePagedVirtualizer({
    count: messages.total,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    parent,
    ensure,
    initialRect: { width: 1000, height: 480 },
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('messages.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={40}
            w={220}
            data-testid="messages-search"
          />
          <MultiSelect
            label={t('messages.filter')}
            placeholder={messages.states.length === 0 ? t('messages.filterPlaceholder') : undefined}
            data={MESSAGE_STATES.map((s) => ({ value: s, label: t(`messageStates.${s}`) }))}
            value={messages.states}
            onChange={(v) => void filter(v as MessageState[], messages.search)}
            clearable
            w={320}
            data-testid="messages-filter"
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="messages-total" data-count={messages.total}>
          {t('messages.total', { count: messages.total, formatted: number.format(messages.total) })}
        </Text>
      </Group>
      {messages.status === 'error' && messages.error && (
        <ErrorAlert title={t('messages.loadFailed')} error={messages.error} onRetry={() => void filter(messages.states, messages.search)} testId="messages-error" />
      )}
      <Paper withBorder>
        <Box role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          {(['number', 'state', 'text', 'segments', 'attempts', 'provider', 'error'] as const).map((c) => (
            <Truncate key={c} size="sm" fw={600} role="columnheader">
              {t(`messages.${c}`)}
            </Truncate>
          ))}
          <span />
        </Box>
        <div ref={parent} style={{ height: `min(55vh, 520px, ${Math.max(messages.total, 4) * ROW_HEIGHT + 2}px)`, overflow: 'auto' }} role="rowgroup" aria-label={t('messages.tableLabel')} data-testid="messages-table">
          {messages.status === 'loading' && messages.total === 0 && (
            <Stack gap={8} p="md">
              <Skeleton height={14} />
              <Skeleton height={14} />
              <Skeleton height={14} />
            </Stack>
          )}
          {messages.total === 0 && messages.status === 'ready' && (
            <Text size="sm" c="dimmed" p="md" data-testid="messages-empty">
              {t('messages.empty')}
            </Text>
          )}
          <VirtualWindow totalSize={virtualizer.getTotalSize()} offset={items[0]?.start ?? 0}>
            {items.map((item) => {
              const row = messages.rows[item.index];
              return (
                <VirtualRow
                  key={slotKey(item.index)}
                  data-testid={row ? 'message-row' : 'message-row-loading'}
                  data-state={row?.state}
                  data-e164={row?.e164}
                  height={ROW_HEIGHT}
                  columns={COLUMNS}
                >
                  {row ? (
                    <>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" ff="monospace" truncate data-testid="message-number">
                          {row.e164}
                        </Text>
                        {row.name && (
                          <Truncate size="xs" c="dimmed" data-testid="message-name">
                            {row.name}
                          </Truncate>
                        )}
                      </div>
                      <div style={{ minWidth: 0 }}>
                        <Badge size="sm" variant="light" color={STATE_COLORS[row.state].split('.')[0]} data-testid="message-state">
                          {t(`messageStates.${row.state}`)}
                        </Badge>
                        <Text size="xs" c="dimmed" truncate title={`${t('messages.updated')}: ${dt.dateTime(row.updatedAt, { seconds: true })}`} data-testid="message-updated">
                          {dt.dateTime(row.updatedAt)}
                        </Text>
                      </div>
                      <Truncate
                        size="sm"
                        c={row.template && !row.template.known ? 'dimmed' : undefined}
                        fs={row.template && !row.template.known ? 'italic' : undefined}
                        data-testid="message-text"
                      >
                        {sentTextLine(t, row)}
                      </Truncate>
                      <Text size="sm">{row.segments}</Text>
                      <Text size="sm">{row.attempts}</Text>
                      <Text size="xs" ff="monospace" truncate title={row.providerId ?? undefined}>
                        {[row.providerId, row.port !== null ? t('messages.port', { port: row.port }) : null].filter(Boolean).join(' · ')}
                      </Text>
                      {/* The provider's own status rides along with every report; it is an error code only beside an error. */}
                      <Truncate size="xs" c="red" data-testid="message-error">
                        {row.errorMessage === null
                          ? ''
                          : row.providerCode === null
                            ? sentenceText(i18n, row.errorMessage)
                            : t('common:nameAndDetail', { name: sentenceText(i18n, row.errorMessage), detail: row.providerCode })}
                      </Truncate>
                      <Group justify="flex-end">
                        <MessageHistory key={row.id} row={row} />
                      </Group>
                    </>
                  ) : (
                    <Skeleton height={12} radius="sm" animate={false} style={{ gridColumn: '1 / -1' }} />
                  )}
                </VirtualRow>
              );
            })}
          </VirtualWindow>
        </div>
      </Paper>
    </Stack>
  );
}
