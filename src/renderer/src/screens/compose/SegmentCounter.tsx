/** Live length of a free text: encoding, characters, segments and what is left in the last segment. */
import { Alert, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countSegments } from '../../../../shared/sms-segments.ts';
import { Figure } from '../../components/Figure.tsx';

const MAX_STRAYS = 5;

export function SegmentCounter({ text }: { text: string }) {
  const { t, i18n } = useTranslation('compose');
  const info = countSegments(text);
  // Worth pointing out when a few stray characters (a curly quote, an accent) force UCS-2; not for text in Chinese.
  const strays = info.encoding === 'UCS-2' && info.nonGsmCharacters.length <= MAX_STRAYS ? info.nonGsmCharacters : [];
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="segment-counter" data-encoding={info.encoding} data-segments={info.segments}>
      <Group gap="xl" wrap="wrap" aria-live="polite" aria-label={t('counter.label')}>
        <Figure label={t('counter.encoding')} value={info.encoding} testId="counter-encoding" />
        <Figure label={t('counter.characters')} value={number.format(info.characters)} testId="counter-characters" />
        <Figure label={t('counter.segments')} value={number.format(info.segments)} testId="counter-segments" />
        <Figure label={t('counter.remaining')} value={number.format(info.remainingInSegment)} testId="counter-remaining" />
        <Text size="xs" c="dimmed" ml="auto">
          {t('counter.perSegment', { count: info.perSegment })}
        </Text>
      </Group>
      {strays.length > 0 && (
        <Alert color="gray" variant="transparent" p={0} mt={6} data-testid="counter-non-gsm">
          <Text size="xs" c="dimmed">
            {t('counter.nonGsm', { chars: strays.join(' ') })}
          </Text>
        </Alert>
      )}
    </Paper>
  );
}
