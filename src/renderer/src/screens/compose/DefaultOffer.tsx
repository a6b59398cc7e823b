/**
 * The missing-variable warning's offer: give `{name}` a default (`{name|客户}`) that recipients
 * without a value get instead of a blank. Writes it into the text or the template parameters.
 */
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withDefault } from '../../../../shared/message-template.ts';
import { useComposeStore } from '../../stores/compose.ts';

/** Gives every default-less use of `name` in the form the default (text mode: the body; template mode: each parameter). */
export function applyDefault(name: string, fallback: string): void {
  const { form, patch } = useComposeStore.getState();
  patch({ body: withDefault(form.body, name, fallback), params: form.params.map((p) => ({ ...p, value: withDefault(p.value, name, fallback) })) });
}

export function DefaultOffer({ name }: { name: string }) {
  const { t } = useTranslation('compose');
  const [fallback, setFallback] = useState('');
  return (
    <Group gap={6} wrap="nowrap" align="center" data-testid="default-offer" data-variable={name}>
      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {`{${name}}`}
      </Text>
      <TextInput
        size="xs"
        aria-label={t('defaults.valueFor', { variable: `{${name}}` })}
        placeholder={t('defaults.placeholder')}
        value={fallback}
        onChange={(e) => setFallback(e.currentTarget.value)}
        style={{ flex: 1, minWidth: 80 }}
        maxLength={60}
        data-testid="default-offer-value"
      />
      <Button size="compact-sm" variant="light" disabled={fallback.trim() === ''} onClick={() => applyDefault(name, fallback)} data-testid="default-offer-use">
        {t('defaults.use')}
      </Button>
    </Group>
  );
}
