/** A campaign's messages as one stacked bar (a colour per state) with the counts under it. */
import { Group, Progress, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignState, MessageCounts, MessageState } from '../../../../shared/campaigns.ts';

/** Bar order and colours: outcomes first, then what is still moving. */
export const STATE_COLORS: Record<MessageState, string> = {
  delivered: 'green',
  sent: 'teal',
  submitted: 'blue',
  submitting: 'indigo',
  failed: 'red',
  expired: 'orange',
  unknown: 'yellow',
  cancelled: 'gray',
  queued: 'gray.3',
};
const BAR_ORDER: MessageState[] = ['delivered', 'sent', 'submitted', 'submitting', 'failed', 'expired', 'unknown', 'cancelled'];
/** States shown as counts in the compact (list) view; the detail shows every state. */
const COMPACT: MessageState[] = ['delivered', 'submitted', 'failed', 'unknown', 'queued'];

export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = { preparing: 'gray', running: 'blue', paused: 'yellow', handed: 'teal', cancelled: 'gray', done: 'green' };

/** Messages the app has finished with or handed over (everything but queued and submitting). */
export function handled(counts: MessageCounts): number {
  return Object.entries(counts).reduce((n, [state, c]) => (state === 'queued' || state === 'submitting' ? n : n + c), 0);
}

interface CampaignProgressProps {
  counts: MessageCounts;
  total: number;
  compact?: boolean;
}

export function CampaignProgress({ counts, total, compact = false }: CampaignProgressProps) {
  const { t, i18n } = useTranslation('campaigns');
  const number = new Intl.NumberFormat(i18n.language);
  // "submitted" in the compact list means handed over and still waiting for a report.
  const compactCounts: Partial<Record<MessageState, number>> = { ...counts, submitted: counts.submitted + counts.sent, queued: counts.queued + counts.submitting };
  const shown = compact ? COMPACT : (Object.keys(STATE_COLORS) as MessageState[]).filter((s) => counts[s] > 0 || COMPACT.includes(s));
  const done = handled(counts);
  return (
    <div data-testid="campaign-progress" data-total={total} data-handled={done}>
      <Progress.Root size={compact ? 'md' : 'xl'} aria-label={t('progress.label', { done: number.format(done), total: number.format(total) })}>
        {BAR_ORDER.map((state) =>
          counts[state] > 0 && total > 0 ? (
            <Tooltip key={state} label={t('progress.count', { state: t(`messageStates.${state}`), value: number.format(counts[state]) })} withinPortal>
              <Progress.Section value={(counts[state] / total) * 100} color={STATE_COLORS[state]} data-state={state} />
            </Tooltip>
          ) : null,
        )}
      </Progress.Root>
      <Group gap={compact ? 10 : 'md'} mt={4} wrap="wrap">
        {!compact && (
          <Text size="xs" fw={600}>
            {t('progress.label', { done: number.format(done), total: number.format(total) })}
          </Text>
        )}
        {shown.map((state) => {
          const value = compact ? (compactCounts[state] ?? 0) : counts[state];
          return (
            <Group key={state} gap={4} wrap="nowrap" data-testid="campaign-count" data-state={state} data-count={value}>
              <span
                aria-hidden
                style={{ width: 8, height: 8, borderRadius: 2, background: `var(--mantine-color-${STATE_COLORS[state].replace('.', '-')}${STATE_COLORS[state].includes('.') ? '' : '-filled'})` }}
              />
              <Text size="xs" c={value === 0 ? 'dimmed' : undefined}>
                {t('progress.count', { state: t(`messageStates.${state}`), value: number.format(value) })}
              </Text>
            </Group>
          );
        })}
      </Group>
    </div>
  );
}
