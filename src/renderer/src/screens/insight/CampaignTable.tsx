/** Campaigns created in the range side by side: delivered %, failed % by reason, median time to delivery, replies and opt-outs. */
import { Anchor, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignInsight } from '../../../../shared/insight.ts';
import { REPLY_WINDOW_HOURS } from '../../../../shared/insight.ts';
import { hashForRoute } from '../../routes.ts';
import { InsightPanel } from './InsightPanel.tsx';
import { useInsightFormat } from './insight-format.ts';

function FailedCell({ c }: { c: CampaignInsight }) {
  const { t } = useTranslation('insight');
  const f = useInsightFormat();
  const text = f.rate(c.failedRate);
  if (c.failedByReason.length === 0) return <>{text}</>;
  return (
    <Tooltip
      multiline
      w={260}
      label={c.failedByReason.map((r) => (
        <div key={r.code}>{t('reason', { code: r.code || t('noCode'), n: f.count(r.n), rate: f.rate(c.total > 0 ? r.n / c.total : null) })}</div>
      ))}
    >
      <Text span size="sm" td="underline dotted" style={{ cursor: 'help' }}>
        {text}
      </Text>
    </Tooltip>
  );
}

export function CampaignTable({ rows }: { rows: CampaignInsight[] }) {
  const { t } = useTranslation('insight');
  const f = useInsightFormat();
  return (
    <InsightPanel
      title={t('campaigns.title')}
      empty={rows.length === 0 ? t('campaigns.empty') : null}
      footer={t('campaigns.note', { hours: REPLY_WINDOW_HOURS })}
      data-testid="insight-campaigns"
    >
      <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.name')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.messages')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.delivered')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.failed')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.median')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.replies')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('campaigns.optOuts')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-testid="insight-campaign" data-campaign={c.name}>
                  <Table.Td>
                    <Anchor href={hashForRoute('campaigns', c.id)} size="sm">
                      {c.name}
                    </Anchor>
                    {c.accountName && (
                      <Text span size="xs" c="dimmed">
                        {' · '}
                        {c.accountName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{f.count(c.total)}</Table.Td>
                  <Table.Td ta="right" data-col="delivered">
                    {f.rate(c.deliveredRate)}
                  </Table.Td>
                  <Table.Td ta="right" data-col="failed">
                    <FailedCell c={c} />
                  </Table.Td>
                  <Table.Td ta="right" data-col="median">
                    {f.duration(c.medianDeliverySeconds)}
                  </Table.Td>
                  <Table.Td ta="right" data-col="replies">
                    {f.count(c.replies)}
                  </Table.Td>
                  <Table.Td ta="right" data-col="optOuts">
                    {f.count(c.optOuts)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
      </Table.ScrollContainer>
    </InsightPanel>
  );
}
