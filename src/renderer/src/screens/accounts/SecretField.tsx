/**
 * One write-only secret. A stored value is never shown (main never sends it): the field says "Set"
 * and offers Replace (type a new one) or Clear. Without a stored value it is a password input.
 */
import { Alert, Badge, Button, Group, Input, PasswordInput, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretEdit } from './account-form-model.ts';

interface SecretFieldProps {
  field: string;
  /** A value is stored in main right now. */
  stored: boolean;
  /** A value is stored but can no longer be read (the system keyring changed): it must be entered again. */
  unreadable?: boolean;
  edit: SecretEdit;
  required: boolean;
  /** Clearing is offered only for secrets the account can work without. */
  clearable: boolean;
  description?: string;
  error?: string;
  onChange: (edit: SecretEdit) => void;
}

export function SecretField({ field, stored, unreadable = false, edit, required, clearable, description, error, onChange }: SecretFieldProps) {
  const { t } = useTranslation('accounts');
  const labelId = useId();
  const label = t(`secretFields.${field}`);
  const testId = `account-secret-${field}`;

  if (edit.mode === 'replace') {
    return (
      <Stack gap={4} data-testid={testId} data-secret-mode="replace">
        <PasswordInput
          label={label}
          description={description}
          required={required && !stored}
          value={edit.value}
          onChange={(event) => onChange({ mode: 'replace', value: event.currentTarget.value })}
          error={error}
          autoComplete="new-password"
          spellCheck={false}
          data-testid={`${testId}-input`}
        />
        {unreadable && (
          <Alert color="red" variant="light" p="xs" data-testid={`${testId}-unreadable`}>
            <Text size="xs">{t('secret.unreadable')}</Text>
          </Alert>
        )}
        {stored && (
          <Group>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange({ mode: 'keep', value: '' })} data-testid={`${testId}-keep`}>
              {t('secret.undo')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  const clearing = edit.mode === 'clear';
  return (
    <Stack gap={4} data-testid={testId} data-secret-mode={edit.mode} role="group" aria-labelledby={labelId}>
      <Group gap="xs">
        <Input.Label labelElement="div" id={labelId}>
          {label}
        </Input.Label>
        <Badge size="sm" variant="light" color={clearing ? 'orange' : 'teal'} data-testid={`${testId}-state`}>
          {clearing ? t('secret.notSet') : t('secret.set')}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {clearing ? t('secret.willClear') : t(clearable ? 'secret.storedHidden' : 'secret.storedHiddenRequired')}
      </Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      <Group gap="xs">
        {clearing ? (
          <Button size="compact-sm" variant="default" onClick={() => onChange({ mode: 'keep', value: '' })} data-testid={`${testId}-keep`}>
            {t('secret.undo')}
          </Button>
        ) : (
          <>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => onChange({ mode: 'replace', value: '' })}
              aria-label={`${t('secret.replace')} ${label}`}
              data-testid={`${testId}-replace`}
            >
              {t('secret.replace')}
            </Button>
            {clearable && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                onClick={() => onChange({ mode: 'clear', value: '' })}
                aria-label={`${t('secret.clear')} ${label}`}
                data-testid={`${testId}-clear`}
              >
                {t('secret.clear')}
              </Button>
            )}
          </>
        )}
      </Group>
      {error && <Input.Error>{error}</Input.Error>}
    </Stack>
  );
}
