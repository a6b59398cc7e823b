/** Quick-reply snippets (Settings `quickReplies`): offered in the inbox's reply box. */
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSettingsStore } from '../../stores/settings.ts';

export function QuickReplies() {
  const { t } = useTranslation('inbox');
  const snippets = useSettingsStore((s) => s.settings.quickReplies);
  const update = useSettingsStore((s) => s.update);
  const [text, setText] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);

  const saveList = async (next: string[]) => {
    const r = await update({ quickReplies: next });
    setError(r.ok ? null : r.error);
    return r.ok;
  };

  return (
    <Stack gap="sm" data-testid="quick-replies">
      <Text size="sm" c="dimmed">
        {t('snippets.intro')}
      </Text>
      {error && <ErrorAlert title={t('snippets.saveFailed')} error={error} testId="snippet-error" />}
      {snippets.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="snippets-empty">
          {t('snippets.empty')}
        </Text>
      )}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {snippets.map((s, i) => (
          <Group key={i} component="li" justify="space-between" wrap="nowrap" gap="xs" data-testid="snippet-row">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {s}
            </Text>
            <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('snippets.delete')} onClick={() => void saveList(snippets.filter((_, j) => j !== i))} data-testid="snippet-delete">
              ×
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '') return;
          void saveList([...snippets, text.trim()]).then((ok) => ok && setText(''));
        }}
      >
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput label={t('snippets.new')} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} data-testid="snippet-text" />
          <Button type="submit" variant="light" disabled={text.trim() === ''} data-testid="snippet-add">
            {t('snippets.add')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
