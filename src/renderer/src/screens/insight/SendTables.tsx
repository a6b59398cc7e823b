/** Per account and per box port/SIM: volume, segments, outcomes and delivery rate (with a bar chart of the ports' rates). */
import { BarChart } from '@mantine/charts';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountInsight, PortInsight, SendTotals } from '../../../../shared/insight.ts';
import { useMoney } from '../../format/money.ts';
import { useAccountsList } from '../../stores/accounts.ts';
import { InsightPanel } from './InsightPanel.tsx';
import { ratePct, useInsightFormat } from './insight-format.ts';

function TotalsCells({ s }: { s: SendTotals }) {
  const f = useInsightFormat();
  return (
    <>
      <Table.Td ta="right" data-col="handed">
        {f.count(s.handed)}
      </Table.Td>
      <Table.Td ta="right">{f.count(s.segments)}</Table.Td>
      <Table.Td ta="right" data-col="delivered">
        {f.count(s.delivered)}
      </Table.Td>
      <Table.Td ta="right" data-col="failed">
        {f.count(s.failed + s.refused)}
      </Table.Td>
      <Table.Td ta="right" data-col="rate">
        {f.rate(s.deliveryRate)}
      </Table.Td>
    </>
  );
}

function TotalsHeaders() {
  const { t } = useTranslation('insight');
  return (
    <>
      <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('handed')}</Table.Th>
      <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments')}</Table.Th>
      <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('outcome.delivered')}</Table.Th>
      <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('outcome.failed')}</Table.Th>
      <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('deliveryRate')}</Table.Th>
    </>
  );
}

export function AccountsTable({ rows }: { rows: AccountInsight[] }) {
  const { t } = useTranslation(['insight', 'accounts']);
  const money = useMoney();
  const { accounts } = useAccountsList();
  /** Spend = segments × the account's price per segment as set now (no provider reply says what was billed). */
  const spendOf = (a: AccountInsight): string | null => {
    const price = accounts.find((x) => x.id === a.accountId)?.pricePerSegment;
    if (price === undefined) return null;
    return money(a.segments * price, accounts.find((x) => x.id === a.accountId)?.currency ?? null);
  };
  const unpriced = rows.some((a) => spendOf(a) === null);
  return (
    <InsightPanel
      title={t('perAccount')}
      empty={rows.length === 0 ? t('empty') : null}
      footer={<span data-testid="insight-spend-note">{t(unpriced ? 'spendNeedsPrice' : 'spendFromPrice')}</span>}
      data-testid="insight-accounts"
    >
      <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account')}</Table.Th>
                <TotalsHeaders />
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('spend')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.accountId} data-testid="insight-account" data-account={a.accountName ?? a.accountId}>
                  <Table.Td>
                    {a.accountName ?? t('deletedAccount')}
                    {a.kind && (
                      <Text span size="xs" c="dimmed">
                        {' · '}
                        {t(`accounts:kinds.${a.kind}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <TotalsCells s={a} />
                  <Table.Td ta="right" data-col="spend" style={{ whiteSpace: 'nowrap' }}>
                    {spendOf(a) ?? '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
      </Table.ScrollContainer>
    </InsightPanel>
  );
}

export function PortsTable({ rows }: { rows: PortInsight[] }) {
  const { t } = useTranslation('insight');
  const f = useInsightFormat();
  if (rows.length === 0) return null;
  const label = (p: PortInsight) => t('portOf', { account: p.accountName ?? t('deletedAccount'), port: p.port });
  return (
    <InsightPanel title={t('perPort')} empty={null} data-testid="insight-ports">
      <BarChart
        h={Math.max(100, rows.length * 28 + 30)}
        data={rows.map((p) => ({ port: label(p), rate: ratePct(p) ?? 0 }))}
        dataKey="port"
        orientation="vertical"
        maxBarWidth={22}
        yAxisProps={{ width: 140 }}
        xAxisProps={{ domain: [0, 100], tickFormatter: (v: number) => `${v}%` }}
        series={[{ name: 'rate', color: 'teal.6', label: t('deliveryRate') }]}
        valueFormatter={(v) => f.rate(v / 100)}
        aria-label={t('chart.ports')}
        mb="sm"
      />
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('port')}</Table.Th>
              <TotalsHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={`${p.accountId}/${p.port}`} data-testid="insight-port" data-port={p.port}>
                <Table.Td>{label(p)}</Table.Td>
                <TotalsCells s={p} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </InsightPanel>
  );
}
