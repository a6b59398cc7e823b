/**
 * One conversation: inbound SMS and what was sent to the number, oldest at the top, and the reply box.
 * It opens at the newest message, and follows new ones while the reader is at the bottom.
 */
import { Alert, Anchor, Badge, Box, Button, Center, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadItem } from '../../../../shared/monitoring.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SentText, singleKindLabel } from '../../components/SentText.tsx';
import { Truncate } from '../../components/Truncate.tsx';
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
        {item.kind === 'out' ? (
          <SentText message={item} testId="thread-text" />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="thread-text">
            {item.text}
          </Text>
        )}
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
          {item.kind === 'out' &&
            (item.campaignKind === 'campaign' ? (
              <Anchor href={hashForRoute('campaigns', item.campaignId)} size="xs">
                {t('thread.campaign')}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed" data-testid="thread-single">
                {singleKindLabel(t, item.campaignKind)}
              </Text>
            ))}
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
  const viewport = useRef<HTMLDivElement>(null);
  /** Whether the reader is at the newest message (then a new one scrolls into view). */
  const atBottom = useRef(true);
  const shown = useRef<{ number: string; newest: string; height: number } | null>(null);
  const newestItem = thread?.items[0];
  const newest = newestItem ? (newestItem.kind === 'in' ? `in-${newestItem.id}` : `out-${newestItem.messageId}`) : '';

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!thread || !el || newest === '') return;
    const before = shown.current;
    shown.current = { number: thread.number, newest, height: el.scrollHeight };
    // A conversation opens at its newest message; a new message follows only when the reader was there.
    if (before?.number !== thread.number || (before.newest !== newest && atBottom.current)) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    } else if (before.newest === newest && !atBottom.current) {
      // Older messages came in above: what the reader looks at stays where it was.
      el.scrollTop += el.scrollHeight - before.height;
    }
  }, [thread, newest]);

  // A reader at the newest message stays there when the window or the messages change size (a narrower
  // window wraps them onto more lines).
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const follow = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    follow.observe(el);
    if (el.firstElementChild) follow.observe(el.firstElementChild);
    return () => follow.disconnect();
  }, [thread?.number]);

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
        <Group gap="xs" align="baseline" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={3} size="h4" ff="monospace" data-testid="thread-number">
            {thread.number}
          </Title>
          {thread.name && (
            <Truncate fw={500} data-testid="thread-name">
              {thread.name}
            </Truncate>
          )}
        </Group>
        {thread.optedOut && (
          <Badge color="orange" variant="light" data-testid="thread-opted-out">
            {t('optedOut')}
          </Badge>
        )}
      </Group>
      {thread.error && <ErrorAlert title={t('thread.loadFailed')} error={thread.error} onRetry={() => void reload()} testId="thread-error" />}
      <ScrollArea
        style={{ flex: 1 }}
        type="auto"
        aria-label={t('thread.label', { number: thread.number })}
        viewportRef={viewport}
        // The browser's scroll anchoring would move the view when messages wrap onto more lines, and the
        // reader would no longer be at the newest one: where the view goes is decided here instead.
        styles={{ viewport: { overflowAnchor: 'none' } }}
        onScrollPositionChange={({ y }) => {
          const el = viewport.current;
          if (el) atBottom.current = el.scrollHeight - el.clientHeight - y < 40;
        }}
        data-testid="thread-scroll"
      >
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
