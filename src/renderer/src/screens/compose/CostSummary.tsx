/**
 * The summary's cost and what it draws on (issue 16, item 4): the cost in money when the account has a
 * price per segment (else the segment count alone), and the balance, JSMS quota or SIM capacity it is
 * set against — compared only where main could compare them in one unit.
 */
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../../../shared/campaigns.ts';
import { useMoney } from '../../format/money.ts';
import { Stat } from './SummaryStat.tsx';

export function CostStats({ preview }: { preview: CampaignPreview }) {
  const { t, i18n } = useTranslation('compose');
  const money = useMoney();
  const n = new Intl.NumberFormat(i18n.language);
  const { cost, funds } = preview;
  const segments = t('summary.costSegments', { count: cost.segments, formatted: n.format(cost.segments) });
  const over = funds !== null && !funds.covered;

  let balance: { label: string; value: string; note?: string | null };
  if (preview.provider === 'gsmbox') {
    const cap = preview.boxCapacity;
    balance = cap
      ? { label: t('summary.leftToday'), value: t('summary.sms', { count: cap.leftToday, formatted: n.format(cap.leftToday) }), note: t('summary.onSims', { count: cap.ports }) }
      : { label: t('summary.leftToday'), value: t('summary.noCap') };
  } else if (preview.provider === 'jsms') {
    balance = funds
      ? { label: t(`summary.quota.${funds.source}`), value: t('summary.sms', { count: funds.available, formatted: n.format(funds.available) }) }
      : { label: t('summary.balance'), value: t('summary.unknown') };
  } else {
    const line = preview.balances.find((b) => b.unit === 'money');
    const amount = line?.amount ?? null;
    balance = {
      label: t('summary.balance'),
      value: amount === null ? t('summary.unknown') : money(amount, cost.currency),
      note: amount !== null && funds === null ? t('summary.notCompared') : null,
    };
  }

  return (
    <>
      <Stat
        label={t('summary.cost')}
        value={cost.money === null ? segments : money(cost.money, cost.currency)}
        note={cost.money === null ? t('summary.noPrice') : segments}
        testId="summary-cost"
        color={over ? 'red' : undefined}
      />
      <Stat label={balance.label} value={balance.value} note={balance.note} testId="summary-balance" />
    </>
  );
}

export function CostAlerts({ preview }: { preview: CampaignPreview }) {
  const { t, i18n } = useTranslation('compose');
  const money = useMoney();
  const n = new Intl.NumberFormat(i18n.language);
  const { funds, boxCapacity } = preview;
  return (
    <>
      {funds !== null && !funds.covered && (
        <Alert color="red" variant="light" data-testid="summary-over-balance" data-source={funds.source}>
          <Text size="sm">
            {funds.source === 'eims-balance'
              ? t('summary.overBalance', { cost: money(funds.needed, preview.cost.currency), balance: money(funds.available, preview.cost.currency) })
              : t(`summary.overQuota.${funds.source}`, { needed: n.format(funds.needed), available: n.format(funds.available) })}
          </Text>
        </Alert>
      )}
      {boxCapacity !== null && preview.recipients > boxCapacity.leftToday && (
        <Alert color="orange" variant="light" data-testid="summary-over-capacity">
          <Text size="sm">{t('summary.overCapacity', { left: n.format(boxCapacity.leftToday), rest: n.format(preview.recipients - boxCapacity.leftToday) })}</Text>
        </Alert>
      )}
    </>
  );
}
