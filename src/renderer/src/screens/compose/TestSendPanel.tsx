/**
 * "Send a test to me": one number (remembered from the last test), the draft's first recipient's
 * message sent to it at once, and what became of it — not a campaign, so this is where it shows.
 */
import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import { MESSAGE_STATE_ORDER, type MessageState } from '../../../../shared/campaigns.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useComposeStore } from '../../stores/compose.ts';
import { useComposeTestStore } from '../../stores/compose-test.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';
import { routeParamFromHash } from '../../routes.ts';

/** `#/compose/test` (the dashboard's guided start): Compose opens with this panel in view and its number field focused. */
export const TEST_SEND_PARAM = 'test';

export function TestSendPanel({ account }: { account: AccountView | undefined }) {
  const { t } = useTranslation('compose');
  const { t: tc } = useTranslation('campaigns');
  const remembered = useSettingsStore((s) => s.settings.testNumber);
  const [typed, setTyped] = useState<string | null>(null);
  const number = typed ?? remembered;
  const busy = useComposeTestStore((s) => s.busy);
  const error = useComposeTestStore((s) => s.error);
  const fieldErrors = useComposeTestStore((s) => s.fieldErrors);
  const sent = useComposeTestStore((s) => s.sent);
  const failure = useComposeTestStore((s) => s.failure);
  const send = () => void useComposeTestStore.getState().send(useComposeStore.getState().form, account?.kind, number);
  const state: MessageState | undefined = sent ? MESSAGE_STATE_ORDER.find((s) => sent.campaign.counts[s] > 0) : undefined;
  const draftErrors = Object.entries(fieldErrors).filter(([k]) => k !== 'number');
  const panel = useRef<HTMLDivElement>(null);
  const numberField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (routeParamFromHash(window.location.hash) !== TEST_SEND_PARAM) return;
    panel.current?.scrollIntoView({ block: 'center' });
    numberField.current?.focus({ preventScroll: true });
  }, []);

  return (
    <Stack gap="xs" data-testid="compose-test" ref={panel}>
      <Text size="sm" fw={600}>
        {t('test.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('test.help')}
      </Text>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={t('test.number')}
          placeholder={t('test.numberPlaceholder')}
          value={number}
          onChange={(e) => setTyped(e.currentTarget.value)}
          error={fieldErrors.number}
          style={{ flex: 1, minWidth: 0 }}
          inputMode="tel"
          ref={numberField}
          data-testid="compose-test-number"
        />
        <Button variant="light" loading={busy} disabled={number.trim() === '' || !account} onClick={send} data-testid="compose-test-send">
          {t('test.send')}
        </Button>
      </Group>
      {draftErrors.length > 0 && (
        <Text size="xs" c="red" role="alert" data-testid="compose-test-invalid">
          {t('test.fixDraft')}
        </Text>
      )}
      {error && draftErrors.length === 0 && !fieldErrors.number && <ErrorAlert title={t('test.failed')} error={error} testId="compose-test-error" />}
      {sent && (
        <Paper withBorder p="xs" radius="sm" data-testid="compose-test-result" data-state={state}>
          <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('test.sentTo', { number: sent.address })}
            </Text>
            {state && (
              <Badge size="sm" variant="light" color={STATE_COLORS[state].split('.')[0]} data-testid="compose-test-state">
                {tc(`messageStates.${state}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="compose-test-text">
            {sent.text}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {sent.renderedFor ? t('test.renderedFor', { number: sent.renderedFor }) : t('test.renderedForYou')}
          </Text>
          {sent.campaign.lastError && <ErrorAlert title={t('test.failed')} error={sent.campaign.lastError} />}
          {failure?.errorMessage && (
            <ErrorAlert title={t('test.notDelivered')} error={{ code: failure.errorCode ?? 'FAILED', message: failure.errorMessage }} testId="compose-test-failure" />
          )}
        </Paper>
      )}
    </Stack>
  );
}
