/** Shows an error a user can meet: what failed (title), main's sentence (what to do), and its code. */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors.ts';
import { sentenceText } from '../i18n/issue-text.ts';

interface ErrorAlertProps {
  title: string;
  error: AppErrorShape;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorAlert({ title, error, onRetry, testId }: ErrorAlertProps) {
  const { t, i18n } = useTranslation('common');
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId ?? 'error-alert'} data-error-code={error.code}>
      <Text size="sm">{sentenceText(i18n, error.message)}</Text>
      <Group justify="space-between" mt="xs" gap="xs">
        <Text size="xs" c="dimmed" ff="monospace">
          {t('errorCode', { code: error.code })}
        </Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
