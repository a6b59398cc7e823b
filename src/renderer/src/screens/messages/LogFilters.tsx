/**
 * The message log's filters: all messages or only single ones (replies from the inbox, box push tests —
 * they are not campaigns), campaign, account, states, a date range and a number search.
 */
import { Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATES, type MessageState } from '../../../../shared/campaigns.ts';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { emptyLogFilter, useMessagesLogStore, type LogFilter } from '../../stores/messages.ts';

export function LogFilters() {
  const { t } = useTranslation(['messages', 'campaigns']);
  const filter = useMessagesLogStore((s) => s.filter);
  const setFilter = useMessagesLogStore((s) => s.setFilter);
  const campaigns = useCampaignsStore((s) => s.campaigns);
  const accounts = useAccountsStore((s) => s.accounts);
  const [search, setSearch] = useState(filter.search);
  const [debounced] = useDebouncedValue(search, 300);

  useEffect(() => {
    const current = useMessagesLogStore.getState().filter;
    if (debounced.trim() !== current.search) void setFilter({ ...current, search: debounced.trim() });
  }, [debounced, setFilter]);

  const change = (patch: Partial<LogFilter>) => void setFilter({ ...useMessagesLogStore.getState().filter, ...patch });
  const active = JSON.stringify({ ...filter, search: search.trim() }) !== JSON.stringify(emptyLogFilter);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('filters.label')}>
      <Stack gap={2}>
        <Text size="sm" fw={500} id="log-show-label">
          {t('filters.show')}
        </Text>
        <SegmentedControl
          aria-labelledby="log-show-label"
          data={[
            { value: 'all', label: t('filters.all') },
            { value: 'singles', label: t('filters.singles') },
          ]}
          value={filter.singles ? 'singles' : 'all'}
          onChange={(v) => change({ singles: v === 'singles', campaignId: null })}
          data-testid="log-show"
        />
      </Stack>
      <TextInput
        label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maxLength={32}
        w={160}
        data-testid="log-search"
      />
      {!filter.singles && (
        <Select
          label={t('filters.campaign')}
          placeholder={t('filters.any')}
          data={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          value={filter.campaignId}
          onChange={(v) => change({ campaignId: v })}
          clearable
          searchable
          nothingFoundMessage={t('filters.nothingFound')}
          w={180}
          data-testid="log-campaign"
        />
      )}
      <Select
        label={t('filters.account')}
        placeholder={t('filters.any')}
        data={accounts.map((a) => ({ value: a.id, label: a.name }))}
        value={filter.accountId}
        onChange={(v) => change({ accountId: v })}
        clearable
        w={160}
        data-testid="log-account"
      />
      <MultiSelect
        label={t('filters.states')}
        placeholder={filter.states.length === 0 ? t('filters.any') : undefined}
        data={MESSAGE_STATES.map((s) => ({ value: s, label: t(`campaigns:messageStates.${s}`) }))}
        value={filter.states}
        onChange={(v) => change({ states: v as MessageState[] })}
        clearable
        w={220}
        data-testid="log-states"
      />
      <TextInput
        type="date"
        label={t('filters.from')}
        value={filter.fromDate}
        max={filter.toDate || undefined}
        onChange={(e) => change({ fromDate: e.currentTarget.value })}
        w={140}
        data-testid="log-from"
      />
      <TextInput
        type="date"
        label={t('filters.to')}
        value={filter.toDate}
        min={filter.fromDate || undefined}
        onChange={(e) => change({ toDate: e.currentTarget.value })}
        w={140}
        data-testid="log-to"
      />
      {active && (
        <Button
          variant="subtle"
          onClick={() => {
            setSearch('');
            void setFilter(emptyLogFilter);
          }}
          data-testid="log-clear"
        >
          {t('filters.clear')}
        </Button>
      )}
    </Group>
  );
}
