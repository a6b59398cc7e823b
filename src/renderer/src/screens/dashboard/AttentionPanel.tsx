/** What needs attention (receiver, box pushes, failed connection tests, SIMs at their cap), each with a link to where it is fixed. */
import { Anchor, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AttentionItem } from '../../../../shared/health.ts';
import { useDateTime } from '../../format/date-time.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { hashForRoute, type RouteId } from '../../routes.ts';

/** Where each kind of problem is fixed. */
const FIX_ROUTE: Record<AttentionItem['kind'], RouteId> = {
  'receiver-port-in-use': 'settings',
  'receiver-not-listening': 'settings',
  'box-push-not-set-up': 'settings',
  'account-test-failed': 'accounts',
  'sim-over-cap': 'accounts',
};

function itemKey(item: AttentionItem): string {
  return 'accountId' in item ? `${item.kind}:${item.accountId}:${'port' in item ? item.port : ''}` : item.kind;
}

function useItemText() {
  const { t, i18n } = useTranslation('dashboard');
  const dt = useDateTime();
  const n = new Intl.NumberFormat(i18n.language);
  return (item: AttentionItem): { title: string; text: string; code?: string } => {
    switch (item.kind) {
      case 'receiver-port-in-use':
        return { title: t('attention.portInUse.title', { port: item.port }), text: t('attention.portInUse.text', { port: item.port }), code: item.error.code };
      case 'receiver-not-listening':
        return item.error
          ? { title: t('attention.notListening.title'), text: sentenceText(i18n, item.error.message), code: item.error.code }
          : { title: t('attention.notListening.title'), text: t('attention.notListening.text') };
      case 'box-push-not-set-up':
        return { title: t('attention.boxPush.title', { name: item.accountName }), text: t('attention.boxPush.text') };
      case 'account-test-failed':
        return {
          title: t('attention.testFailed.title', { name: item.accountName, time: dt.dateTime(item.testedAt) }),
          text: sentenceText(i18n, item.error.message),
          code: item.error.code,
        };
      case 'sim-over-cap':
        return {
          title: t('attention.simCap.title', { name: item.accountName, port: item.port, sent: n.format(item.sentToday), cap: n.format(item.cap) }),
          text: t('attention.simCap.text'),
        };
    }
  };
}

export function AttentionPanel({ items }: { items: AttentionItem[] }) {
  const { t } = useTranslation('dashboard');
  const textOf = useItemText();
  return (
    <Paper withBorder p="md" data-testid="dash-attention" data-count={items.length}>
      <Title order={3} size="h5" mb="xs">
        {t('attention.title')}
      </Title>
      {items.length === 0 ? (
        <Group gap="xs" wrap="nowrap" data-testid="dash-attention-none">
          <ThemeIcon size="sm" radius="xl" color="teal" variant="light">
            <IconCircleCheck size={14} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            {t('attention.none')}
          </Text>
        </Group>
      ) : (
        <Stack gap="sm">
          {items.map((item) => {
            const { title, text, code } = textOf(item);
            return (
              <Group key={itemKey(item)} gap="sm" align="flex-start" wrap="nowrap" data-testid="dash-attention-item" data-kind={item.kind}>
                <ThemeIcon size="md" radius="xl" color="orange" variant="light" style={{ flexShrink: 0 }}>
                  <IconAlertTriangle size={16} />
                </ThemeIcon>
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={600}>
                    {title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {text}
                  </Text>
                  {code && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      {t('common:errorCode', { code })}
                    </Text>
                  )}
                  <Anchor href={hashForRoute(FIX_ROUTE[item.kind])} size="sm" data-testid="dash-attention-fix">
                    {t(`attention.fix.${item.kind}`)}
                  </Anchor>
                </Stack>
              </Group>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
