/**
 * Keyword rules per account: an inbound SMS that starts with the keyword gets the auto-reply (once per
 * number per rule per day) and/or adds the sender to a list. The opt-out keywords are listed first as
 * built-in rules of every account.
 */
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { useInboxRulesStore, type RuleDraft } from '../../stores/inbox-rules.ts';

const EMPTY: RuleDraft = { accountId: '', keyword: '', replyText: null, listId: null, enabled: true };

function RuleForm({ initial, onDone }: { initial: RuleDraft; onDone: () => void }) {
  const { t } = useTranslation(['inbox', 'accounts']);
  const accounts = useAccountsStore((s) => s.accounts);
  const lists = useContactsStore((s) => s.lists);
  const save = useInboxRulesStore((s) => s.save);
  const [draft, setDraft] = useState<RuleDraft>({ ...initial, accountId: initial.accountId || accounts[0]?.id || '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const jsms = accounts.find((a) => a.id === draft.accountId)?.kind === 'jsms';

  const submit = async () => {
    setBusy(true);
    const r = await save(draft);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) onDone();
  };

  return (
    <Paper withBorder p="sm" data-testid="rule-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="xs">
          {error && <ErrorAlert title={t('rules.saveFailed')} error={error} testId="rule-error" />}
          <Group grow align="flex-start">
            <Select
              label={t('rules.account')}
              data={accounts.map((a) => ({ value: a.id, label: t('common:nameAndDetail', { name: a.name, detail: t(`accounts:kinds.${a.kind}`) }) }))}
              value={draft.accountId || null}
              onChange={(v) => setDraft({ ...draft, accountId: v ?? '' })}
              allowDeselect={false}
              data-testid="rule-account"
            />
            <TextInput
              label={t('rules.keyword')}
              description={t('rules.keywordHint')}
              value={draft.keyword}
              onChange={(e) => setDraft({ ...draft, keyword: e.currentTarget.value })}
              maxLength={20}
              error={error?.fields?.keyword}
              data-testid="rule-keyword"
            />
          </Group>
          <Textarea
            label={t('rules.replyText')}
            description={jsms ? t('rules.jsmsNoReply') : t('rules.replyHint')}
            value={draft.replyText ?? ''}
            onChange={(e) => setDraft({ ...draft, replyText: e.currentTarget.value === '' ? null : e.currentTarget.value })}
            disabled={jsms}
            maxLength={500}
            rows={2}
            error={error?.fields?.replyText}
            data-testid="rule-reply"
          />
          <Group align="flex-end" justify="space-between">
            <Select
              label={t('rules.list')}
              placeholder={t('rules.noList')}
              data={lists.map((l) => ({ value: l.id, label: l.name }))}
              value={draft.listId}
              onChange={(v) => setDraft({ ...draft, listId: v })}
              clearable
              w={260}
              data-testid="rule-list"
            />
            <Switch label={t('rules.enabled')} checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })} data-testid="rule-enabled" />
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={draft.accountId === '' || draft.keyword.trim() === ''} data-testid="rule-save">
              {t('rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function KeywordRules() {
  const { t } = useTranslation('inbox');
  const { rules, optOutKeywords, status, error, load, remove } = useInboxRulesStore();
  const accounts = useAccountsStore((s) => s.accounts);
  const lists = useContactsStore((s) => s.lists);
  const [editing, setEditing] = useState<RuleDraft | null>(null);
  const [removeError, setRemoveError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    void load();
    if (useContactsStore.getState().lists.length === 0) void useContactsStore.getState().loadLists();
    if (useAccountsStore.getState().status === 'idle') void useAccountsStore.getState().load();
  }, [load]);

  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? t('rules.deletedAccount');
  const listName = (id: string | null) => (id === null ? '—' : (lists.find((l) => l.id === id)?.name ?? t('rules.deletedList')));

  return (
    <Stack gap="sm" data-testid="inbox-rules" data-status={status}>
      <Text size="sm" c="dimmed">
        {t('rules.intro')}
      </Text>
      {status === 'error' && error && <ErrorAlert title={t('rules.loadFailed')} error={error} onRetry={() => void load()} testId="rules-error" />}
      {removeError && <ErrorAlert title={t('rules.deleteFailed')} error={removeError} testId="rule-delete-error" />}
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rules.keyword')}</Table.Th>
              <Table.Th>{t('rules.account')}</Table.Th>
              <Table.Th>{t('rules.action')}</Table.Th>
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {optOutKeywords.map((k) => (
              <Table.Tr key={`builtin-${k}`} data-testid="rule-builtin">
                <Table.Td ff="monospace">{k}</Table.Td>
                <Table.Td>{t('rules.everyAccount')}</Table.Td>
                <Table.Td>{t('rules.optOutAction')}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="outline" color="gray">
                    {t('rules.builtIn')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
            {rules.map((r) => (
              <Table.Tr key={r.id} data-testid="rule-row" data-keyword={r.keyword} style={{ opacity: r.enabled ? 1 : 0.6 }}>
                <Table.Td ff="monospace">{r.keyword}</Table.Td>
                <Table.Td>{accountName(r.accountId)}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {r.replyText !== null && <Text size="sm" lineClamp={2}>{t('rules.replies', { text: r.replyText })}</Text>}
                    {r.listId !== null && <Text size="sm">{t('rules.addsTo', { list: listName(r.listId) })}</Text>}
                    {!r.enabled && (
                      <Text size="xs" c="dimmed">
                        {t('rules.off')}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ id: r.id, accountId: r.accountId, keyword: r.keyword, replyText: r.replyText, listId: r.listId, enabled: r.enabled })} data-testid="rule-edit">
                      {t('rules.edit')}
                    </Button>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={t('rules.delete', { keyword: r.keyword })}
                      onClick={() => void remove(r.id).then((res) => setRemoveError(res.ok ? null : res.error))}
                      data-testid="rule-delete"
                    >
                      ×
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing ? (
        <RuleForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <Group>
          <Button variant="light" onClick={() => setEditing(EMPTY)} disabled={accounts.length === 0} data-testid="rule-add">
            {t('rules.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
