/** The audit log: newest first, paged, exportable. */
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { useFormat } from '../../i18n/format.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { AUDIT_PAGE_SIZE, useDataCareStore } from '../../stores/data-care.ts';

export function AuditLogSection() {
  const { t, i18n } = useTranslation('settings');
  const f = useFormat();
  const dt = useDateTime();
  const { audit, auditOffset, auditError, busy, loadAudit, exportAudit } = useDataCareStore();
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    void loadAudit(0);
  }, [loadAudit]);

  const total = audit?.total ?? 0;
  return (
    <Paper withBorder p="lg" data-testid="settings-audit">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">
              {t('audit.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('audit.intro')}
            </Text>
          </div>
          <Group gap="xs">
            {(['csv', 'xlsx'] as const).map((format) => (
              <Button key={format} size="xs" variant="default" loading={busy === 'export'} disabled={total === 0} onClick={() => void exportAudit(format).then((r) => setExportError(r.ok ? null : r.error))} data-testid={`settings-audit-export-${format}`}>
                {t(`audit.export.${format}`)}
              </Button>
            ))}
          </Group>
        </Group>
        {auditError && <ErrorAlert title={t('audit.loadFailed')} error={auditError} onRetry={() => void loadAudit()} />}
        {exportError && <ErrorAlert title={t('audit.exportFailed')} error={exportError} />}
        {audit === null && !auditError && <Text size="sm">{t('audit.loading')}</Text>}
        {audit && audit.total === 0 && (
          <Text size="sm" c="dimmed" data-testid="settings-audit-empty">
            {t('audit.empty')}
          </Text>
        )}
        {audit && audit.total > 0 && (
          <Table striped highlightOnHover aria-label={t('audit.title')} data-testid="settings-audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={190}>{t('audit.columns.at')}</Table.Th>
                <Table.Th w={130}>{t('audit.columns.actor')}</Table.Th>
                <Table.Th w={150}>{t('audit.columns.action')}</Table.Th>
                <Table.Th>{t('audit.columns.summary')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.rows.map((row) => (
                <Table.Tr key={row.id} data-testid="settings-audit-row" data-action={row.action}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dt.dateTime(row.at, { seconds: true })}</Table.Td>
                  <Table.Td>
                    {row.actor} · {t(`audit.sources.${row.source}`)}
                  </Table.Td>
                  <Table.Td>{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</Table.Td>
                  <Table.Td>{sentenceText(i18n, row.summary)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {total > AUDIT_PAGE_SIZE && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('audit.range', { from: f.number(auditOffset + 1), to: f.number(Math.min(total, auditOffset + AUDIT_PAGE_SIZE)), total: f.number(total) })}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={auditOffset === 0} onClick={() => void loadAudit(Math.max(0, auditOffset - AUDIT_PAGE_SIZE))}>
                {t('audit.newer')}
              </Button>
              <Button size="xs" variant="default" disabled={auditOffset + AUDIT_PAGE_SIZE >= total} onClick={() => void loadAudit(auditOffset + AUDIT_PAGE_SIZE)}>
                {t('audit.older')}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
