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

export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = { preparing: 'violet', running: 'blue', paused: 'yellow', handed: 'cyan', cancelled: 'gray', done: 'green' };
/** Messages a finished campaign never got a report for (still submitted or sent when its report window closed). */
const NO_REPORT_COLOR = 'gray.5';

/** Messages the app has finished with or handed over (everything but queued and submitting). */
export function handled(counts: MessageCounts): number {
  return Object.entries(counts).reduce((n, [state, c]) => (state === 'queued' || state === 'submitting' ? n : n + c), 0);
}

/**
 * The legend: every state with its count, always (none folded into another). For a finished campaign,
 * submitted and sent become one "no report" entry: those reports will not be waited for any more.
 */
function legendOf(counts: MessageCounts, finished: boolean): { key: MessageState | 'noReport'; value: number; color: string }[] {
  const all = MESSAGE_STATE_ORDER.map((s) => ({ key: s as MessageState | 'noReport', value: counts[s], color: STATE_COLORS[s] }));
  if (!finished) return all;
  const rest = all.filter((e) => e.key !== 'submitted' && e.key !== 'sent');
  return [...rest, { key: 'noReport', value: counts.submitted + counts.sent, color: NO_REPORT_COLOR }];
}

interface CampaignProgressProps {
  counts: MessageCounts;
  total: number;
  compact?: boolean;
  /** The campaign's state: once it is done, what is still submitted or sent is shown as "no report". */
  state?: CampaignState;
}

export function CampaignProgress({ counts, total, compact = false, state: campaignState }: CampaignProgressProps) {
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
        {legendOf(counts, campaignState === 'done').map(({ key: state, value, color }) => {
          return (
            <Group key={state} gap={4} wrap="nowrap" data-testid="campaign-count" data-state={state} data-count={value}>
              <span
                aria-hidden
                style={{ width: 8, height: 8, borderRadius: 2, background: `var(--mantine-color-${color.replace('.', '-')}${color.includes('.') ? '' : '-filled'})` }}
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
