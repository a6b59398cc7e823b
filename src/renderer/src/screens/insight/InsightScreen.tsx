/** Insight: delivery rate and volume per account, port, day and hour of day for a range of days, a campaign comparison, and the .xlsx export. */
import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useInsightStore } from '../../stores/insight.ts';
import { CampaignTable } from './CampaignTable.tsx';
import { useInsightFormat } from './insight-format.ts';
import { RangePicker } from './RangePicker.tsx';
import { AccountsTable, PortsTable } from './SendTables.tsx';
import { VolumeCharts } from './VolumeCharts.tsx';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

export function InsightScreen() {
  const { t } = useTranslation('insight');
  const f = useInsightFormat();
  const { days, report, status, error, exporting, exportError, setDays, load, exportXlsx } = useInsightStore();

  useEffect(() => {
    void useInsightStore.getState().load();
  }, []);

  return (
    <Stack gap="md" data-testid="screen-insight" data-status={status}>
      <ScreenHeader title={t('title')} intro={t('intro')} maw={560}>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={exporting} onClick={() => void exportXlsx()} data-testid="insight-export">
          {t('export')}
        </Button>
      </ScreenHeader>
      <Group align="flex-end" gap="md">
        <RangePicker value={days} onChange={setDays} />
      </Group>
      {exportError && <ErrorAlert title={t('exportFailed')} error={exportError} testId="insight-export-error" />}
      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void load()} testId="insight-error" />}
      {!report && status !== 'error' && (
        <Stack gap="sm" data-testid="insight-loading">
          <Skeleton height={70} />
          <Skeleton height={220} />
        </Stack>
      )}
      {report && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="insight-totals">
            <Figure label={t('handed')} value={f.count(report.totals.handed)} testId="insight-total-handed" />
            <Figure label={t('outcome.delivered')} value={f.count(report.totals.delivered)} testId="insight-total-delivered" />
            <Figure label={t('deliveryRate')} value={f.rate(report.totals.deliveryRate)} testId="insight-total-rate" />
            <Figure label={t('segments')} value={f.count(report.totals.segments)} testId="insight-total-segments" />
          </SimpleGrid>
          <VolumeCharts byDay={report.byDay} byHour={report.byHour} />
          <AccountsTable rows={report.byAccount} />
          <PortsTable rows={report.byPort} />
          <CampaignTable rows={report.campaigns} />
        </>
      )}
    </Stack>
  );
}
