/** The contacts being browsed, virtualised: only the visible rows are in the DOM; pages load as they scroll in. */
import { Badge, Box, Button, Group, Paper, Skeleton, Text } from '@mantine/core';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../../../shared/contact-lists.ts';
import { VirtualRow, VirtualWindow } from '../../components/VirtualRow.tsx';
import { usePagedVirtualizer } from '../../components/use-paged-virtualizer.ts';
import { useContactsStore } from '../../stores/contacts.ts';

const ROW_HEIGHT = 44;
const MAX_VAR_COLUMNS = 4;

interface ContactsTableProps {
  inList: boolean;
  onEdit: (row: ContactRow) => void;
  onRemove: (row: ContactRow) => void;
}

export function ContactsTable({ inList, onEdit, onRemove }: ContactsTableProps) {
  const { t } = useTranslation('contacts');
  const browse = useContactsStore((s) => s.browse);
  const ensureRows = useContactsStore((s) => s.ensureRows);
  const parent = useRef<HTMLDivElement>(null);
  const { virtualizer, items, slotKey } = usePagedVirtualizer({
    count: browse.total,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    parent,
    ensure: ensureRows,
    initialRect: { width: 900, height: 480 },
  });

  // Variable columns: the names found in the first loaded rows (a list's rows share them).
  const varNames = useMemo(() => {
    const names: string[] = [];
    for (let i = 0; i < Math.min(browse.total, 200); i++) {
      for (const k of Object.keys(browse.rows[i]?.vars ?? {})) if (!names.includes(k)) names.push(k);
    }
    return names.slice(0, MAX_VAR_COLUMNS);
  }, [browse.rows, browse.total]);
  const columns = `minmax(150px, 1.2fr) repeat(${varNames.length}, minmax(100px, 1fr)) 110px ${inList ? 170 : 90}px`;

  return (
    <Paper withBorder>
      <Box
        role="row"
        style={{ display: 'grid', gridTemplateColumns: columns, gap: 12, padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Text size="sm" fw={600} role="columnheader">
          {t('contacts.number')}
        </Text>
        {varNames.map((v) => (
          <Text key={v} size="sm" fw={600} role="columnheader" truncate>
            {v}
          </Text>
        ))}
        <Text size="sm" fw={600} role="columnheader">
          {t('contacts.status')}
        </Text>
        <span />
      </Box>
      <div ref={parent} style={{ height: 'min(60vh, 560px)', overflow: 'auto' }} role="rowgroup" aria-label={t('contacts.tableLabel')} data-testid="contacts-table">
        {browse.total === 0 && browse.status === 'ready' && (
          <Text size="sm" c="dimmed" p="md" data-testid="contacts-empty">
            {browse.query !== '' ? t('contacts.noMatch') : t('contacts.empty')}
          </Text>
        )}
        <VirtualWindow totalSize={virtualizer.getTotalSize()} offset={items[0]?.start ?? 0}>
          {items.map((item) => {
            const row = browse.rows[item.index];
            return (
              <VirtualRow
                key={slotKey(item.index)}
                data-testid={row ? 'contact-row' : 'contact-row-loading'}
                data-e164={row?.e164}
                height={ROW_HEIGHT}
                columns={columns}
              >
                {row ? (
                  <>
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" ff="monospace" lh={1.2} data-testid="contact-number">
                        {row.e164}
                      </Text>
                      {row.tags.length > 0 && (
                        <Text size="xs" c="blue" lh={1.2} truncate title={row.tags.join(', ')} data-testid="contact-row-tags">
                          {row.tags.map((tag) => `#${tag}`).join(' ')}
                        </Text>
                      )}
                    </div>
                    {varNames.map((v) => (
                      <Text key={v} size="sm" truncate title={row.vars[v]}>
                        {row.vars[v] ?? ''}
                      </Text>
                    ))}
                    <div>
                      {row.optedOut && (
                        <Badge color="orange" variant="light" size="sm">
                          {t('contacts.optedOut')}
                        </Badge>
                      )}
                    </div>
                    {/* Keyed by contact: the row's DOM is reused while scrolling, but a focused Remove must never end up on another contact. */}
                    <Group key={row.id} gap={6} justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => onEdit(row)} aria-label={t('contacts.editNamed', { number: row.e164 })} data-testid="contact-edit">
                        {t('common:actions.edit')}
                      </Button>
                      {inList && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(row)} aria-label={t('contacts.removeNamed', { number: row.e164 })} data-testid="contact-remove">
                          {t('contacts.remove')}
                        </Button>
                      )}
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
  );
}
