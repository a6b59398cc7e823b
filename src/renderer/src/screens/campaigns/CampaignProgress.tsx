/** A campaign's messages as one stacked bar (a colour per state) with the counts under it. */
import { Group, Progress, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATE_ORDER, type CampaignState, type MessageCounts, type MessageState } from '../../../../shared/campaigns.ts';

/** A colour per message state. */
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
/** The bar leaves out what is still queued (the empty rest of the bar). */
const BAR_ORDER = MESSAGE_STATE_ORDER.filter((s) => s !== 'queued');

export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = { preparing: 'grape', running: 'blue', paused: 'yellow', handed: 'cyan', cancelled: 'gray', done: 'green' };

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
  // The counts are the legend: every state, always, each under its own word (none folded into another).
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
        {MESSAGE_STATE_ORDER.map((state) => {
          const value = counts[state];
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
