/** Conversations per number, newest first, with unread counts; search and "unread only". */
import { Badge, Button, Group, Paper, ScrollArea, Skeleton, Stack, Switch, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentTextLine } from '../../components/SentText.tsx';
import { Truncate } from '../../components/Truncate.tsx';
import { useInboxStore } from '../../stores/inbox.ts';
import { useDateTime } from '../../format/date-time.ts';

export function ThreadList({ selected, onSelect }: { selected: string | null; onSelect: (number: string) => void }) {
  const { t, i18n } = useTranslation('inbox');
  const threads = useInboxStore((s) => s.threads);
  const status = useInboxStore((s) => s.status);
  const error = useInboxStore((s) => s.error);
  const nextCursor = useInboxStore((s) => s.nextCursor);
  const unreadOnly = useInboxStore((s) => s.unreadOnly);
  const setQuery = useInboxStore((s) => s.setQuery);
  const loadMore = useInboxStore((s) => s.loadMoreThreads);
  const load = useInboxStore((s) => s.load);
  const [search, setSearch] = useState(useInboxStore.getState().search);
  const [debounced] = useDebouncedValue(search, 300);
  const dt = useDateTime();
  const number = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    const s = useInboxStore.getState();
    if (debounced.trim() !== s.search) void setQuery(debounced.trim(), s.unreadOnly);
  }, [debounced, setQuery]);

  return (
    <Paper withBorder p="sm" style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Stack gap="xs" mb="xs">
        <TextInput label={t('threads.search')} placeholder={t('threads.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maxLength={32} data-testid="inbox-search" />
        <Switch label={t('threads.unreadOnly')} checked={unreadOnly} onChange={(e) => void setQuery(search.trim(), e.currentTarget.checked)} data-testid="inbox-unread-only" />
      </Stack>
      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void load()} testId="inbox-error" />}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <nav aria-label={t('threads.label')}>
          {status === 'loading' && threads.length === 0 && (
            <Stack gap={8} p="xs">
              <Skeleton height={36} />
              <Skeleton height={36} />
            </Stack>
          )}
          {status === 'ready' && threads.length === 0 && (
            <Text size="sm" c="dimmed" p="xs" data-testid="inbox-empty">
              {unreadOnly || search ? t('threads.noneMatch') : t('threads.empty')}
            </Text>
          )}
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {threads.map((th) => (
              <li key={th.number}>
                <UnstyledButton
                  onClick={() => onSelect(th.number)}
                  aria-current={selected === th.number ? 'true' : undefined}
                  aria-label={t('threads.open', { number: th.number, count: th.unread })}
                  data-testid="inbox-thread"
                  data-number={th.number}
                  data-unread={th.unread}
                  className="mantine-focus-auto"
                  style={{
                    display: 'block',
                    width: '100%',
                    padding: '8px 10px',
                    borderRadius: 6,
                    background: selected === th.number ? 'var(--mantine-color-blue-light)' : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                      <Text size="sm" fw={th.unread > 0 ? 700 : 500} ff="monospace" style={{ flexShrink: 0 }}>
                        {th.number}
                      </Text>
                      {th.name && (
                        <Truncate size="sm" fw={th.unread > 0 ? 700 : 500} data-testid="inbox-thread-name">
                          {th.name}
                        </Truncate>
                      )}
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      {th.optedOut && (
                        <Badge size="xs" color="gray" variant="outline">
                          {t('optedOut')}
                        </Badge>
                      )}
                      {th.unread > 0 && (
                        <Badge size="sm" color="blue" circle={th.unread < 10} data-testid="inbox-thread-unread">
                          {number.format(th.unread)}
                        </Badge>
                      )}
                    </Group>
                  </Group>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="xs" c="dimmed" truncate data-testid="inbox-thread-last">
                      {th.lastDirection === 'out' ? t('threads.you', { text: sentTextLine(t, { text: th.lastText, template: th.lastTemplate }) }) : th.lastText}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {dt.dateTime(th.lastAt)}
                    </Text>
                  </Group>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
          {nextCursor !== null && (
            <Button variant="subtle" size="xs" fullWidth mt="xs" onClick={() => void loadMore()} data-testid="inbox-more">
              {t('threads.more')}
            </Button>
          )}
        </nav>
      </ScrollArea>
    </Paper>
  );
}
