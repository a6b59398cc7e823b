/**
 * The review before a schedule reaches the platform or sends now: Compose's summary (recipients after
 * opt-outs, segments, cost against the balance, samples) from main's preview of the schedule's draft,
 * the note on what cannot be undone, and the one button that goes ahead. Nothing is called before it.
 */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDraftInput, CampaignPreview } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchedulesStore } from '../../stores/schedules.ts';
import { ReviewSummary } from '../compose/ReviewSummary.tsx';

interface Props {
  draft: CampaignDraftInput;
  /** What cannot be undone once confirmed (null: nothing to say beyond the summary). */
  note: string | null;
  confirmLabel: string;
  hint: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
  /** The preview failed: field errors go back to the form. */
  onPreviewError?: (error: AppErrorShape) => void;
}

export function ScheduleReview({ draft, note, confirmLabel, hint, busy, onConfirm, onBack, onPreviewError }: Props) {
  const { t } = useTranslation('schedules');
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const key = JSON.stringify(draft);
  useEffect(() => {
    let live = true;
    setPreview(null);
    setError(null);
    void useSchedulesStore
      .getState()
      .preview(JSON.parse(key) as CampaignDraftInput)
      .then((r) => {
        if (!live) return;
        if (r.ok) setPreview(r.value);
        else {
          setError(r.error);
          onPreviewError?.(r.error);
        }
      });
    return () => {
      live = false;
    };
    // The draft's JSON is what matters; the callback may be a new function each render.
  }, [key]);

  return (
    <Stack gap="md" data-testid="schedule-review">
      {note && (
        <Alert color="orange" variant="light" data-testid="schedule-review-note">
          <Text size="sm">{note}</Text>
        </Alert>
      )}
      {!preview && !error && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('review.loading')}</Text>
        </Group>
      )}
      {error && <ErrorAlert title={t('review.failed')} error={error} testId="schedule-review-error" />}
      {preview && <ReviewSummary preview={preview} current sending={busy} onSend={onConfirm} sendLabel={confirmLabel} hint={hint} />}
      <Group justify="flex-start">
        <Button variant="default" onClick={onBack} disabled={busy} data-testid="schedule-review-back">
          {t('review.back')}
        </Button>
      </Group>
    </Stack>
  );
}
