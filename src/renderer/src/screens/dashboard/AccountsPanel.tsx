/**
 * Balances of every account (low ones flagged; JSMS with its four app quotas) and the GSM boxes' ports:
 * what each SIM sent today and may still send under its daily cap, whether the port is in rotation (and
 * why not), its week's success rate and its SIM.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import type { BalanceLine } from '../../../../shared/providers.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useDashboardStore } from '../../stores/dashboard.ts';
import { useDateTime } from '../../format/date-time.ts';
import { hashForRoute } from '../../routes.ts';
import { PortFigures, PortOutReason, PortRotationBadge } from '../box-ports/PortHealth.tsx';

function Amount({ line }: { line: BalanceLine }) {
  const { t, i18n } = useTranslation('dashboard');
  if (line.amount === null) return <>{t('balances.noQuota')}</>;
  const n = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return <>{line.unit === 'messages' ? t('balances.messages', { count: line.amount, formatted: n.format(line.amount) }) : n.format(line.amount)}</>;
}

export function AccountsPanel() {
  const { t, i18n } = useTranslation(['dashboard', 'accounts']);
  const accounts = useDashboardStore((s) => s.accounts);
  const status = useDashboardStore((s) => s.accountsStatus);
  const error = useDashboardStore((s) => s.accountsError);
  const load = useDashboardStore((s) => s.loadAccounts);
  const dt = useDateTime();
  const n = new Intl.NumberFormat(i18n.language);

  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="dash-balances">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            {t('balances.title')}
          </Title>
          {/* Nothing to ask without accounts. */}
          {(!accounts || accounts.balances.length > 0 || accounts.boxes.length > 0) && (
            <Button size="compact-sm" variant="subtle" onClick={() => void load()} disabled={status === 'loading'} data-testid="dash-accounts-refresh">
              {t('balances.refresh')}
            </Button>
          )}
        </Group>
        {status === 'error' && error && <ErrorAlert title={t('balances.loadFailed')} error={error} onRetry={() => void load()} testId="dash-accounts-error" />}
        {status === 'loading' && !accounts && (
          <Stack gap={6}>
            <Skeleton height={16} />
            <Skeleton height={16} />
          </Stack>
        )}
        {accounts && accounts.balances.length === 0 && accounts.boxes.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="dash-balances-empty">
            <Trans t={t} i18nKey="balances.empty" components={[<Anchor key="add" href={hashForRoute('accounts')} size="sm" />]} />
          </Text>
        )}
        {accounts && accounts.balances.length > 0 && (
          <Table verticalSpacing={6} aria-label={t('balances.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('balances.account')}</Table.Th>
                <Table.Th>{t('balances.balance')}</Table.Th>
                <Table.Th>{t('balances.checked')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.balances.map((b) => (
                <Table.Tr key={b.accountId} data-testid="dash-balance" data-account={b.accountId} data-low={b.low}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {b.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`accounts:kinds.${b.provider}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {b.error ? (
                      <Text size="sm" c="red">
                        {sentenceText(i18n, b.error.message)}
                      </Text>
                    ) : (
                      <Stack gap={2}>
                        {b.balances.map((line, i) => (
                          <Text key={i} size="sm">
                            {sentenceText(i18n, line.label)}
                            {t('common:colon')}
                            <b><Amount line={line} /></b>
                          </Text>
                        ))}
                        {b.balances.length === 0 && <Text size="sm" c="dimmed">{t('balances.none')}</Text>}
                        {b.low && (
                          <Badge color="orange" variant="light" size="sm" data-testid="dash-balance-low">
                            {t('balances.low')}
                          </Badge>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {dt.time(b.checkedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {accounts?.balances.some((b) => b.low) && (
          <Alert color="orange" variant="light" mt="sm" data-testid="dash-low-warning">
            {t('balances.lowWarning')}
          </Alert>
        )}
      </Paper>
      {accounts && accounts.boxes.length > 0 && (
        <Paper withBorder p="md" data-testid="dash-boxes">
          <Title order={3} size="h5" mb="xs">
            {t('boxes.title')}
          </Title>
          <Stack gap="md">
            {accounts.boxes.map((box) => (
              <div key={box.accountId} data-testid="dash-box" data-account={box.accountId}>
                <Group gap="xs" mb={6}>
                  <Text size="sm" fw={600}>
                    {box.name}
                  </Text>
                  <Badge size="sm" variant="light" color={box.reachable ? 'teal' : 'red'}>
                    {box.reachable ? t('boxes.reachable') : t('boxes.unreachable')}
                  </Badge>
                  {box.reachable && box.leftToday !== null && (
                    <Text size="sm" c={box.leftToday === 0 ? 'red' : 'dimmed'} data-testid="dash-box-left" data-count={box.leftToday}>
                      {t('boxes.leftTotal', { count: box.leftToday, formatted: n.format(box.leftToday) })}
                    </Text>
                  )}
                </Group>
                {box.error && (
                  <Text size="sm" c="red" mb={4}>
                    {sentenceText(i18n, box.error.message)}
                  </Text>
                )}
                <SimpleGrid type="container" cols={{ base: 1, '320px': 2, '640px': 4 }} spacing="xs">
                  {box.ports.map((p) => (
                    <Paper key={p.port} withBorder p="xs" data-testid="dash-port" data-port={p.port} data-available={p.available} data-sent={p.sentToday} data-rotation={p.health.rotation}>
                      <Group justify="space-between" gap={4}>
                        <Text size="sm" fw={500}>
                          {p.name || t('boxes.port', { port: p.port })}
                        </Text>
                        <Badge size="xs" variant="dot" color={p.available ? 'teal' : 'gray'}>
                          {p.available ? t('boxes.available') : t('boxes.busy')}
                        </Badge>
                      </Group>
                      <Group gap={4} mt={4}>
                        <PortRotationBadge health={p.health} />
                      </Group>
                      <PortOutReason health={p.health} />
                      <Text size="xs" c="dimmed" mt={4}>
                        {p.cap > 0 ? t('boxes.sentCap', { sent: n.format(p.sentToday), cap: n.format(p.cap) }) : t('boxes.sent', { sent: n.format(p.sentToday) })}
                      </Text>
                      {p.leftToday !== null && (
                        <Text size="xs" c={p.leftToday === 0 ? 'red' : 'dimmed'} data-testid="dash-port-left" data-count={p.leftToday}>
                          {t('boxes.left', { count: p.leftToday, formatted: n.format(p.leftToday) })}
                        </Text>
                      )}
                      {p.cap > 0 && <Progress mt={4} size="sm" value={Math.min(100, (p.sentToday / p.cap) * 100)} color={p.sentToday >= p.cap ? 'red' : 'blue'} aria-label={t('boxes.capLabel', { port: p.port })} />}
                      <PortFigures health={p.health} />
                    </Paper>
                  ))}
                </SimpleGrid>
              </div>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
