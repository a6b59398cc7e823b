/** Inbox: inbound SMS from the platform and the box, one conversation per number, with replies. */
import { Badge, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountsStore } from '../../stores/accounts.ts';
import { connectInboxUpdates, useInboxStore } from '../../stores/inbox.ts';
import { AutomationModal } from './AutomationModal.tsx';
import { ThreadList } from './ThreadList.tsx';
import { ThreadView } from './ThreadView.tsx';

export function InboxScreen() {
  const { t, i18n } = useTranslation('inbox');
  const unreadTotal = useInboxStore((s) => s.unreadTotal);
  const status = useInboxStore((s) => s.status);
  const open = useInboxStore((s) => s.open);
  const [selected, setSelected] = useState<string | null>(null);
  const [automation, setAutomation] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    let stop: (() => void) | undefined;
    try {
      stop = connectInboxUpdates();
    } catch {
      // No bridge: the load below records the error to show.
    }
    void useInboxStore.getState().load();
    if (useAccountsStore.getState().status === 'idle') void useAccountsStore.getState().load();
    return () => {
      stop?.();
      void useInboxStore.getState().open(null);
    };
  }, []);

  const select = (n: string) => {
    setSelected(n);
    void open(n);
  };

  return (
    <Stack gap="md" data-testid="screen-inbox" data-status={status} style={{ height: 'calc(100vh - 100px)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2}>
            {t('title')}{' '}
            {unreadTotal > 0 && (
              <Badge size="lg" variant="filled" aria-label={t('unreadTotal', { count: unreadTotal })} data-testid="inbox-unread-total" data-count={unreadTotal}>
                {number.format(unreadTotal)}
              </Badge>
            )}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('intro')}
          </Text>
        </div>
        <Button variant="default" onClick={() => setAutomation(true)} style={{ flexShrink: 0 }} data-testid="inbox-automation">
          {t('automation.open')}
        </Button>
      </Group>
      <AutomationModal opened={automation} onClose={() => setAutomation(false)} />
      <Box style={{ flex: 1, minHeight: 0, display: 'grid', gap: 'var(--mantine-spacing-md)', gridTemplateColumns: 'minmax(260px, 340px) 1fr' }}>
        <ThreadList selected={selected} onSelect={select} />
        <ThreadView />
      </Box>
    </Stack>
  );
}
