/** A template's or signature's review as JSMS last said it: a badge, and the reason of a refusal. */
import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewStatus as Status } from '../../../../shared/jsms-catalog.ts';

const COLORS: Record<Status, string> = { reviewing: 'blue', passed: 'green', rejected: 'red', gone: 'gray', unknown: 'gray' };

export function ReviewStatus({ status, reason }: { status: Status; reason: string | null }) {
  const { t } = useTranslation('templates');
  return (
    <Stack gap={2} data-testid="review-status" data-status={status}>
      <Badge variant="light" color={COLORS[status]} style={{ minWidth: 'max-content' }}>
        {t(`status.${status}`)}
      </Badge>
      {status === 'rejected' && (
        <Text size="xs" c={reason ? 'red' : 'dimmed'} data-testid="review-reason" style={{ overflowWrap: 'anywhere' }}>
          {reason ? t('reason', { reason }) : t('noReason')}
        </Text>
      )}
    </Stack>
  );
}
