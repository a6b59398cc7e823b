/** One conversation: inbound SMS and what was sent to the number, oldest at the top, and the reply box. */
import { Alert, Anchor, Badge, Box, Button, Center, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ThreadItem } from '../../../../shared/monitoring.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { useInboxStore } from '../../stores/inbox.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { useDateTime } from '../../format/date-time.ts';

function Bubble({ item }: { item: ThreadItem }) {
  const { t } = useTranslation(['inbox', 'campaigns', 'accounts']);
  const dt = useDateTime();
  const inbound = item.kind === 'in';
  return (
    <Group justify={inbound ? 'flex-start' : 'flex-end'} data-testid="thread-item" data-kind={item.kind}>
      <Paper
        p="xs"
        radius="md"
        maw="75%"
        bg={inbound ? 'var(--mantine-color-default-hover)' : 'var(--mantine-color-blue-light)'}
        aria-label={inbound ? t('thread.inbound') : t('thread.outbound')}
      >
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="thread-text">
          {item.text}
        </Text>
        <Group gap={6} mt={4} justify={inbound ? 'flex-start' : 'flex-end'}>
          <Text size="xs" c="dimmed">
            {dt.dateTime(item.at)} · {item.accountName}
            {item.port !== null ? ` · ${t('thread.port', { port: item.port })}` : ''}
          </Text>
          {item.kind === 'out' && (
            <Badge size="xs" variant="light" color={STATE_COLORS[item.state].split('.')[0]} data-testid="thread-state" data-state={item.state}>
              {t(`campaigns:messageStates.${item.state}`)}
            </Badge>
          )}
          {item.kind === 'out' && (
            <Anchor href={hashForRoute('campaigns', item.campaignId)} size="xs">
              {t('thread.campaign')}
            </Anchor>
          )}
          {item.kind === 'in' && item.optOut && (
            <Badge size="xs" color="orange" variant="light" data-testid="thread-optout">
              {t('thread.optOutKeyword')}
            </Badge>
          )}
        </Group>
      </Paper>
    </Group>
  );
}

export function ThreadView() {
  const { t } = useTranslation('inbox');
  const thread = useInboxStore((s) => s.thread);
  const loadOlder = useInboxStore((s) => s.loadOlder);
  const reload = useInboxStore((s) => s.reloadThread);
  const keywords = useSettingsStore((s) => s.settings.optOutKeywords);

  if (!thread) {
    return (
      <Paper withBorder p="xl" data-testid="thread-none">
        <Center>
          <Text c="dimmed" size="sm">
            {t('thread.none')}
          </Text>
        </Center>
      </Paper>
    );
  }
  const items = thread.items.slice().reverse();
  return (
    <Paper withBorder p="sm" style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }} data-testid="thread-view" data-number={thread.number}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" ff="monospace" data-testid="thread-number">
          {thread.number}
        </Title>
        {thread.optedOut && (
          <Badge color="orange" variant="light" data-testid="thread-opted-out">
            {t('optedOut')}
          </Badge>
        )}
      </Group>
      {thread.error && <ErrorAlert title={t('thread.loadFailed')} error={thread.error} onRetry={() => void reload()} testId="thread-error" />}
      <ScrollArea style={{ flex: 1 }} type="auto" aria-label={t('thread.label', { number: thread.number })}>
        {thread.status === 'loading' && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}
        {thread.nextCursor !== null && (
          <Center mb="xs">
            <Button variant="subtle" size="xs" onClick={() => void loadOlder()} data-testid="thread-older">
              {t('thread.older')}
            </Button>
          </Center>
        )}
        <Stack gap="xs" p="xs" role="log" aria-live="polite">
          {items.map((item) => (
            <Bubble key={item.kind === 'in' ? `in-${item.id}` : `out-${item.messageId}`} item={item} />
          ))}
        </Stack>
      </ScrollArea>
      <Box mt="sm">
        {thread.optedOut ? (
          <Alert color="orange" variant="light" mb="xs" data-testid="thread-optout-notice">
            {t('thread.optedOutNotice')}
          </Alert>
        ) : (
          <Text size="xs" c="dimmed" mb={4} data-testid="thread-keywords">
            {t('thread.keywords', { keywords: keywords.join(', ') })} <Anchor href={hashForRoute('settings')} size="xs">{t('thread.editKeywords')}</Anchor>
          </Text>
        )}
        <ReplyBox key={thread.number} number={thread.number} defaultAccountId={thread.replyAccountId} />
      </Box>
    </Paper>
  );
}
