/**
 * Compose's "when": now, at a time, or repeat. At a time and repeat use the schedule model and its
 * fields (zone, recurrence, missed-run policy); at a time on a JSMS or EIMS account may be left to the provider.
 */
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView, ProviderKind } from '../../../../shared/accounts.ts';
import { useComposeTimingStore, type ComposeTiming } from '../../stores/compose-timing.ts';
import { modesFor, type ScheduleMode } from '../schedules/schedule-form-model.ts';
import { WhenFields } from '../schedules/WhenFields.tsx';

const TIMINGS: ComposeTiming[] = ['now', 'at', 'repeat'];

/** Who holds a schedule made from Compose: the provider only for a one-off at a time (never an EIMS job). */
export function composeScheduleMode(kind: ProviderKind | undefined, timing: ComposeTiming, wanted: ScheduleMode): ScheduleMode {
  const modes = modesFor(kind).filter((m) => m !== 'eims-job' && (timing === 'at' || m === 'local'));
  return modes.includes(wanted) ? wanted : 'local';
}

export function TimingSection({ account }: { account: AccountView | undefined }) {
  const { t } = useTranslation('schedules');
  const timing = useComposeTimingStore((s) => s.timing);
  const when = useComposeTimingStore((s) => s.when);
  const fieldErrors = useComposeTimingStore((s) => s.fieldErrors);
  const { setTiming, patch } = useComposeTimingStore.getState();
  const modes = modesFor(account?.kind).filter((m) => m !== 'eims-job' && (timing === 'at' || m === 'local'));
  const mode = composeScheduleMode(account?.kind, timing, when.mode);
  return (
    <Stack gap="sm" data-testid="compose-timing">
      <SegmentedControl
        value={timing}
        onChange={(v) => setTiming(v as ComposeTiming)}
        data={TIMINGS.map((x) => ({ value: x, label: t(`compose.${x}`) }))}
        data-testid="compose-timing-choice"
      />
      {timing === 'now' ? (
        <Text size="xs" c="dimmed">
          {t('compose.nowHint')}
        </Text>
      ) : (
        <>
          {modes.length > 1 && (
            <div>
              <SegmentedControl size="xs" value={mode} onChange={(v) => patch({ mode: v as typeof mode })} data={modes.map((m) => ({ value: m, label: t(`kinds.${m}`) }))} data-testid="compose-timing-mode" />
              <Text size="xs" c="dimmed" mt={4}>
                {t(`kindHelp.${mode}`)}
              </Text>
            </div>
          )}
          <WhenFields form={{ ...when, mode }} errors={fieldErrors} onChange={patch} repeatChoices={timing === 'at' ? ['once'] : ['every', 'daily', 'weekly', 'monthly']} />
        </>
      )}
    </Stack>
  );
}
