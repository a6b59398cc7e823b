/**
 * One GSM gateway port's self-healing state (issue 19): whether it is in rotation, why it was taken out
 * and when it is tried again, the week's success rate, and its SIM (a changed one flagged). Shown on the
 * dashboard's port tiles and in the Accounts connection test's port list.
 */
import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { successPercent, type BoxPortHealth, type PortRotation } from '../../../../shared/box-ports.ts';
import { useDateTime } from '../../format/date-time.ts';

/** Sentences in a row: a space between them in English, none in Chinese (each ends with 。). */
export function joinSentences(language: string, parts: readonly (string | null)[]): string {
  return parts.filter((p): p is string => p !== null && p !== '').join(language.startsWith('zh') ? '' : ' ');
}

const ROTATION_COLORS: Record<PortRotation, string> = { in: 'teal', resting: 'red', trial: 'orange', unavailable: 'gray' };

export function PortRotationBadge({ health }: { health: BoxPortHealth }) {
  const { t } = useTranslation('ports');
  return (
    <Badge size="xs" variant="light" color={ROTATION_COLORS[health.rotation]} data-testid="port-rotation" data-rotation={health.rotation}>
      {t(`rotation.${health.rotation}`)}
    </Badge>
  );
}

/** The reason a port is out and when it comes back (nothing while it is in rotation). */
export function PortOutReason({ health }: { health: BoxPortHealth }) {
  const { t, i18n } = useTranslation('ports');
  const dt = useDateTime();
  if (health.rotation === 'in' || health.reason === null) return null;
  const when = health.rotation === 'unavailable' ? t('backWhenAvailable') : health.rotation === 'resting' && health.retryAt !== null ? t('retryAt', { time: dt.time(health.retryAt) }) : null;
  return (
    <Text size="xs" c="red.8" data-testid="port-reason" data-reason={health.reason}>
      {joinSentences(i18n.language, [t(`reason.${health.reason}`, { ...health.facts }), when])}
    </Text>
  );
}

/** The week's success rate and the SIM. */
export function PortFigures({ health }: { health: BoxPortHealth }) {
  const { t, i18n } = useTranslation('ports');
  const n = new Intl.NumberFormat(i18n.language);
  const percent = successPercent(health);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" data-testid="port-success" data-percent={percent ?? ''}>
        {percent === null ? t('noSends') : t('success', { percent, sent: n.format(health.sent), total: n.format(health.sent + health.failed) })}
      </Text>
      <Text size="xs" c="dimmed" data-testid="port-imsi" data-imsi={health.imsi ?? ''} style={{ overflowWrap: 'anywhere' }}>
        {health.imsi ? t('imsi', { imsi: health.imsi }) : t('noImsi')}
      </Text>
      {health.previousImsi && (
        <Badge size="xs" variant="light" color="grape" mt={2} data-testid="port-sim-changed" title={t('simChanged', { previous: health.previousImsi })} style={{ maxWidth: '100%' }}>
          {t('simChanged', { previous: health.previousImsi })}
        </Badge>
      )}
    </Stack>
  );
}
