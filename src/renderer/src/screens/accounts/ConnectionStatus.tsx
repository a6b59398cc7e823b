/**
 * One account's connection cell: the "Test connection" button, the last result in a few lines
 * (balances for JSMS/EIMS, available ports for the box with a popover listing them, or the failure
 * sentence with its code), warnings, and when it was checked.
 */
import { Badge, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import type { BalanceLine, ConnectionCheck } from '../../../../shared/providers.ts';
import { useDateTime } from '../../format/date-time.ts';
import { localeOf, type Language } from '../../i18n/index.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useConnectionCheck, useConnectionChecksStore } from '../../stores/connection-checks.ts';
import { PortsPopover } from './PortsPopover.tsx';

/** Badges truncate their label when squeezed; in table cells they should keep their width instead. */
export const NO_SHRINK = { flexShrink: 0, minWidth: 'max-content' } as const;

function useLocale(): string {
  const { i18n } = useTranslation();
  return localeOf((i18n.language === 'zh' ? 'zh' : 'en') satisfies Language);
}

function BalanceText({ line }: { line: BalanceLine }) {
  const { t, i18n } = useTranslation('accounts');
  const locale = useLocale();
  const label = sentenceText(i18n, line.label);
  let amount: string;
  if (line.amount === null) amount = t('check.noQuota');
  else if (line.unit === 'messages') amount = t('check.messages', { amount: line.amount.toLocaleString(locale) });
  else amount = line.amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <Text size="sm" data-testid="account-check-balance" data-amount={line.amount ?? ''}>
      <Text span c="dimmed" size="sm">
        {label}
        {t('common:colon')}
      </Text>
      <Text span fw={600} size="sm">
        {amount}
      </Text>
    </Text>
  );
}

function CheckResult({ check }: { check: ConnectionCheck }) {
  const { t, i18n } = useTranslation('accounts');
  const time = useDateTime().time(check.checkedAt, { seconds: true });
  return (
    <Stack gap={2} align="flex-start" data-testid="account-check-result" data-ok={String(check.ok)}>
      <Badge size="sm" variant="light" color={check.ok ? 'teal' : 'red'} style={NO_SHRINK}>
        {t(check.ok ? 'check.ok' : 'check.failed')}
      </Badge>
      {check.ok && check.balances.map((line) => <BalanceText key={line.label} line={line} />)}
      {check.ok && check.kind === 'gsmbox' && <PortsPopover ports={check.ports} />}
      {!check.ok && check.error && (
        <>
          <Text size="sm" c="red.8" maw={340} data-testid="account-check-error" data-error-code={check.error.code}>
            {sentenceText(i18n, check.error.message)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {t('common:errorCode', { code: check.error.code })}
          </Text>
        </>
      )}
      {check.warnings.map((w) => (
        <Text key={w} size="xs" c="yellow.9" maw={340} data-testid="account-check-warning">
          {sentenceText(i18n, w)}
        </Text>
      ))}
      <Text size="xs" c="dimmed" data-testid="account-checked-at">
        {t('check.checkedAt', { time })}
      </Text>
    </Stack>
  );
}

export function ConnectionStatus({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation('accounts');
  const entry = useConnectionCheck(account.id);
  const test = useConnectionChecksStore((s) => s.test);
  return (
    <Stack gap={6} align="flex-start" data-testid="account-connection" data-running={entry.running}>
      {entry.check && <CheckResult check={entry.check} />}
      {!entry.check && !entry.failure && (
        <Text size="sm" c="dimmed">
          {t(entry.running ? 'check.testing' : 'check.notTested')}
        </Text>
      )}
      {entry.failure && (
        <Stack gap={0} data-testid="account-check-result" data-ok="false">
          <Text size="sm" c="red.8" fw={500}>
            {t('check.couldNotRun')}
          </Text>
          <Text size="sm" c="red.8" maw={340} data-testid="account-check-error" data-error-code={entry.failure.code}>
            {sentenceText(i18n, entry.failure.message)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {t('common:errorCode', { code: entry.failure.code })}
          </Text>
        </Stack>
      )}
      <Button
        size="compact-xs"
        variant="light"
        onClick={() => void test(account.id)}
        loading={entry.running}
        aria-label={t('rowActions.test', { name: account.name })}
        data-testid="account-test"
      >
        {t('check.test')}
      </Button>
    </Stack>
  );
}
