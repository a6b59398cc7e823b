/**
 * A labelled file chooser: a real button opens the native picker (the input itself stays in the DOM,
 * hidden, so tests and browsers can set files on it directly).
 */
import { Button, Group, Input, Text } from '@mantine/core';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface FilePickerProps {
  label: string;
  description?: string;
  accept: string;
  disabled?: boolean;
  testId: string;
  /** Shown next to the button: the file chosen last. */
  chosen?: string | null;
  onFile: (file: File) => void;
}

export const IMPORT_ACCEPT = '.xls,.xlsx,.csv,.txt,text/csv,text/plain,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function FilePicker({ label, description, accept, disabled, testId, chosen, onFile }: FilePickerProps) {
  const { t } = useTranslation('contacts');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Input.Wrapper label={label} description={description} labelProps={{ htmlFor: id }}>
      <Group gap="sm" mt={6}>
        <Button id={id} variant="default" disabled={disabled} onClick={() => input.current?.click()}>
          {t('filePicker.choose')}
        </Button>
        <Text size="sm" c="dimmed">
          {chosen ?? t('filePicker.none')}
        </Text>
      </Group>
      <input
        ref={input}
        type="file"
        accept={accept}
        disabled={disabled}
        data-testid={testId}
        aria-label={label}
        hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </Input.Wrapper>
  );
}
