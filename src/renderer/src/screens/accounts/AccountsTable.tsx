/**
 * The list of accounts: kind, name, base URL, which secrets are set, the connection test and its last
 * result, and the row actions (verification codes for JSMS, edit, delete).
 */
import { Badge, Button, Group, Stack, Table, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECRET_FIELDS, type AccountView } from '../../../../shared/accounts.ts';
import { Truncate } from '../../components/Truncate.tsx';
import { ConnectionStatus, NO_SHRINK } from './ConnectionStatus.tsx';
import { KindBadge } from './KindBadge.tsx';

interface AccountsTableProps {
  accounts: AccountView[];
  onEdit: (account: AccountView) => void;
  onDelete: (account: AccountView) => void;
  onVerify: (account: AccountView) => void;
}

export function AccountsTable({ accounts, onEdit, onDelete, onVerify }: AccountsTableProps) {
  const { t } = useTranslation('accounts');
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('table.label')} data-testid="accounts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.kind')}</Table.Th>
            <Table.Th>{t('table.nameAndUrl')}</Table.Th>
            <Table.Th>{t('table.secrets')}</Table.Th>
            <Table.Th>{t('table.connection')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('table.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr key={account.id} data-testid="account-row" data-account-id={account.id} data-kind={account.kind}>
              <Table.Td>
                <KindBadge kind={account.kind} />
              </Table.Td>
              <Table.Td>
                <Truncate fw={500} size="sm" maw={200} data-testid="account-name">
                  {account.name}
                </Truncate>
                <Truncate size="xs" ff="monospace" c="dimmed" maw={200} data-testid="account-base-url">
                  {account.baseUrl}
                </Truncate>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {SECRET_FIELDS[account.kind].map((field) => {
                    const set = account.hasSecret[field] === true;
                    const unreadable = account.secretsToReenter.includes(field);
                    const name = t(`secretFields.${field}`);
                    return (
                      <Badge
                        key={field}
                        size="sm"
                        variant={set ? 'light' : unreadable ? 'filled' : 'outline'}
                        color={set ? 'teal' : unreadable ? 'red' : 'gray'}
                        style={NO_SHRINK}
                        data-testid="account-secret-state"
                        data-secret={field}
                        data-set={set}
                        data-unreadable={unreadable}
                      >
                        {t(set ? 'secretState.set' : unreadable ? 'secretState.unreadable' : 'secretState.missing', { name })}
                      </Badge>
                    );
                  })}
                </Group>
              </Table.Td>
              <Table.Td>
                <ConnectionStatus account={account} />
              </Table.Td>
              <Table.Td>
                <Stack gap={6} align="stretch">
                  {account.kind === 'jsms' && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onVerify(account)}
                      aria-label={t('rowActions.verify', { name: account.name })}
                      data-testid="account-verify"
                    >
                      {t('verify.action')}
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onEdit(account)}
                    aria-label={t('rowActions.edit', { name: account.name })}
                    data-testid="account-edit"
                  >
                    {t('common:actions.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onDelete(account)}
                    aria-label={t('rowActions.delete', { name: account.name })}
                    data-testid="account-delete"
                  >
                    {t('common:actions.delete')}
                  </Button>
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
