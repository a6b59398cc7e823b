/** Messages: every message the app has sent, newest first, with filters, search, export and each message's history. */
import { Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { connectMessagesLogUpdates, useMessagesLogStore } from '../../stores/messages.ts';
import { LogFilters } from './LogFilters.tsx';
import { LogTable } from './LogTable.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

export function MessagesScreen() {
  const { t, i18n } = useTranslation('messages');
  const status = useMessagesLogStore((s) => s.status);
  const error = useMessagesLogStore((s) => s.error);
  const total = useMessagesLogStore((s) => s.total);
  const totalStatus = useMessagesLogStore((s) => s.totalStatus);
  const hasNewer = useMessagesLogStore((s) => s.hasNewer);
  const reload = useMessagesLogStore((s) => s.reload);
  const exportLog = useMessagesLogStore((s) => s.exportLog);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  const number = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    let stop: (() => void) | undefined;
    try {
      stop = connectMessagesLogUpdates();
    } catch {
      // No bridge: the load below records the error to show.
    }
    void useMessagesLogStore.getState().reload();
    if (useCampaignsStore.getState().status === 'idle') void useCampaignsStore.getState().load();
    if (useAccountsStore.getState().status === 'idle') void useAccountsStore.getState().load();
    return () => stop?.();
  }, []);

  const runExport = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    const r = await exportLog(format);
    setExporting(false);
    setExportError(r.ok ? null : r.error);
  };

  return (
    <Stack gap="md" data-testid="screen-messages" data-status={status}>
      <ScreenHeader title={t('title')} intro={t('intro')}>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" loading={exporting} disabled={status !== 'ready'} data-testid="log-export">
              {t('export.button')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void runExport('xlsx')} data-testid="log-export-xlsx">
              {t('export.xlsx')}
            </Menu.Item>
            <Menu.Item onClick={() => void runExport('csv')} data-testid="log-export-csv">
              {t('export.csv')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </ScreenHeader>
      <LogFilters />
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="log-total" data-count={total ?? ''}>
          {totalStatus === 'ready' && total !== null
            ? t('total', { count: total, formatted: number.format(total) })
            : totalStatus === 'error'
              ? t('totalFailed')
              : t('counting')}
        </Text>
        {hasNewer && (
          <Button size="compact-sm" variant="light" onClick={() => void reload()} data-testid="log-newer">
            {t('newer')}
          </Button>
        )}
      </Group>
      {exportError && <ErrorAlert title={t('export.failed')} error={exportError} testId="log-export-error" />}
      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void reload()} testId="log-error" />}
      <LogTable />
    </Stack>
  );
}
