/** Campaign name and the account to send through, with the kind's own options (EIMS sender id, GSM box ports). */
import { Anchor, Button, Chip, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useComposeStore } from '../../stores/compose.ts';
import { useConnectionChecksStore } from '../../stores/connection-checks.ts';
import { hashForRoute } from '../../routes.ts';
import { useRouteStore } from '../../stores/route.ts';
import { KindBadge } from '../accounts/KindBadge.tsx';
import { fieldError, modeOf } from './compose-model.ts';

function PortsPicker({ account }: { account: AccountView }) {
  const { t } = useTranslation('compose');
  const ports = useComposeStore((s) => s.form.ports);
  const fields = useComposeStore((s) => s.fieldErrors);
  const patch = useComposeStore((s) => s.patch);
  const entry = useConnectionChecksStore((s) => s.byId[account.id]);
  const test = useConnectionChecksStore((s) => s.test);
  const known = entry?.check?.ports ?? [];
  const failure = entry?.failure ?? entry?.check?.error ?? null;
  return (
    <Stack gap={6} data-testid="compose-ports">
      <div>
        <Text size="sm" fw={500}>
          {t('ports.label')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('ports.description')}
        </Text>
      </div>
      {known.length > 0 ? (
        <Chip.Group multiple value={ports.map(String)} onChange={(v) => patch({ ports: v.map(Number).sort((a, b) => a - b) })}>
          <Group gap={6}>
            {known.map((p) => (
              <Chip key={p.port} value={String(p.port)} size="xs" disabled={!p.available && !ports.includes(p.port)} data-testid="compose-port">
                {p.available ? t('ports.port', { port: p.port }) : t('ports.portUnavailable', { port: p.port })}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      ) : null}
      <Group gap="sm">
        <Button size="xs" variant="default" loading={entry?.running === true} onClick={() => void test(account.id)} data-testid="compose-ports-load">
          {entry?.running === true ? t('ports.loading') : t('ports.load')}
        </Button>
        {ports.length === 0 && known.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('ports.all')}
          </Text>
        )}
      </Group>
      {fieldError(fields, 'ports') && (
        <Text size="xs" c="red" role="alert">
          {fieldError(fields, 'ports')}
        </Text>
      )}
      {failure && <ErrorAlert title={t('ports.failed')} error={failure} testId="compose-ports-error" />}
    </Stack>
  );
}

export function AccountSection({ account }: { account: AccountView | undefined }) {
  const { t } = useTranslation('compose');
  const accounts = useAccountsStore((s) => s.accounts);
  const status = useAccountsStore((s) => s.status);
  const error = useAccountsStore((s) => s.error);
  const load = useAccountsStore((s) => s.load);
  const navigate = useRouteStore((s) => s.navigate);
  const form = useComposeStore((s) => s.form);
  const fields = useComposeStore((s) => s.fieldErrors);
  const patch = useComposeStore((s) => s.patch);

  return (
    <Stack gap="sm">
      <TextInput
        label={t('name.label')}
        description={t('name.description')}
        value={form.name}
        onChange={(e) => patch({ name: e.currentTarget.value })}
        withAsterisk
        maxLength={100}
        error={fieldError(fields, 'name')}
        data-testid="compose-name"
      />
      <Select
        label={t('account.label')}
        placeholder={t('account.placeholder')}
        data={accounts.map((a) => ({ value: a.id, label: a.name }))}
        value={form.accountId}
        onChange={(id) => patch({ accountId: id, ports: [] })}
        withAsterisk
        allowDeselect={false}
        error={fieldError(fields, 'accountId')}
        nothingFoundMessage={t('account.none')}
        data-testid="compose-account"
      />
      {status === 'error' && error && <ErrorAlert title={t('account.loadFailed')} error={error} onRetry={() => void load()} testId="compose-accounts-error" />}
      {status === 'ready' && accounts.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="compose-no-accounts">
          {t('account.none')}{' '}
          <Anchor
            href={hashForRoute('accounts')}
            onClick={(e) => {
              e.preventDefault();
              navigate('accounts');
            }}
          >
            {t('account.openAccounts')}
          </Anchor>
        </Text>
      )}
      {account && (
        <Group gap="xs" data-testid="compose-mode" data-mode={modeOf(account.kind)}>
          <KindBadge kind={account.kind} />
          <Text size="xs" c="dimmed">
            {modeOf(account.kind) === 'template' ? t('account.modeTemplate') : t('account.modeText')}
          </Text>
        </Group>
      )}
      {account?.kind === 'eims' && (
        <TextInput
          label={t('sender.label')}
          description={t('sender.description', { sender: account.sender ?? t('sender.none') })}
          value={form.sender}
          onChange={(e) => patch({ sender: e.currentTarget.value })}
          maxLength={20}
          error={fieldError(fields, 'content.sender')}
          data-testid="compose-sender"
        />
      )}
      {account?.kind === 'gsmbox' && <PortsPicker account={account} />}
    </Stack>
  );
}
