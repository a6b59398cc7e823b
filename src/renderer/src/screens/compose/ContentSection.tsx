/**
 * The message: free text with a live segment counter (EIMS, GSM box) or a JSMS template and signature
 * picked from the account's list, with its parameters and the filled text live. Variable chips insert
 * `{name}` at the cursor of the field last focused; a variable the recipients lack is offered a default.
 */
import { ActionIcon, Alert, Button, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import { variablesWithoutDefault } from '../../../../shared/message-template.ts';
import { useComposeStore } from '../../stores/compose.ts';
import { TemplatePicker, TemplatePreview } from '../templates/TemplatePicker.tsx';
import { fieldError, insertAt, modeOf, type ParamRow } from './compose-model.ts';
import { DefaultOffer } from './DefaultOffer.tsx';
import { SegmentCounter } from './SegmentCounter.tsx';
import { VariableChips } from './VariableChips.tsx';

type Target = { kind: 'body' } | { kind: 'param'; key: number };

interface ContentSectionProps {
  account: AccountView | undefined;
  /** Variables the chosen recipients have (phone included). */
  variables: string[];
  hasRecipients: boolean;
  hasLists: boolean;
}

export function ContentSection({ account, variables, hasRecipients, hasLists }: ContentSectionProps) {
  const { t } = useTranslation('compose');
  const form = useComposeStore((s) => s.form);
  const fields = useComposeStore((s) => s.fieldErrors);
  const patch = useComposeStore((s) => s.patch);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const paramRefs = useRef(new Map<number, HTMLInputElement>());
  const [target, setTarget] = useState<Target | null>(null);
  const mode = modeOf(account?.kind);

  // Only a variable written without a default can come out blank.
  const used = mode === 'text' ? variablesWithoutDefault(form.body) : [...new Set(form.params.flatMap((p) => variablesWithoutDefault(p.value)))];
  const known = new Set(variables.map((v) => v.toLowerCase()));
  const missing = hasRecipients ? used.filter((v) => !known.has(v.toLowerCase())) : [];

  const insert = (name: string) => {
    const token = `{${name}}`;
    const to: Target = target ?? (mode === 'text' ? { kind: 'body' } : { kind: 'param', key: form.params[0]?.key ?? 0 });
    const el = to.kind === 'body' ? bodyRef.current : paramRefs.current.get(to.key);
    const row = to.kind === 'param' ? form.params.find((p) => p.key === to.key) : undefined;
    const value = to.kind === 'body' ? form.body : (row?.value ?? '');
    if (to.kind === 'param' && !row) return;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = insertAt(value, start, end, token);
    if (to.kind === 'body') patch({ body: next.text });
    else patch({ params: form.params.map((p) => (p.key === to.key ? { ...p, value: next.text } : p)) });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const setParam = (key: number, change: Partial<ParamRow>) => patch({ params: form.params.map((p) => (p.key === key ? { ...p, ...change } : p)) });
  const addParam = () => patch({ params: [...form.params, { key: Math.max(0, ...form.params.map((p) => p.key)) + 1, name: '', value: '' }] });
  const removeParam = (key: number) => patch({ params: form.params.filter((p) => p.key !== key) });

  const chips = <VariableChips variables={variables} hasLists={hasLists} onInsert={insert} />;
  const missingAlert = missing.length > 0 && (
    <Alert color="yellow" variant="light" p="xs" data-testid="compose-missing-variables">
      <Text size="sm">{t('variables.missing', { count: missing.length, names: missing.map((m) => `{${m}}`).join(', ') })}</Text>
      <Text size="xs" c="dimmed" mt={4} mb={4}>
        {t('defaults.offer')}
      </Text>
      <Stack gap={4}>
        {missing.map((name) => (
          <DefaultOffer key={name} name={name} />
        ))}
      </Stack>
    </Alert>
  );

  if (mode === 'template') {
    const paramsError = fieldError(fields, 'content.params');
    return (
      <Stack gap="sm" data-testid="compose-template">
        {account && (
          <TemplatePicker
            account={account}
            form={form}
            onChange={patch}
            tempError={fieldError(fields, 'content.tempId')}
            signError={fieldError(fields, 'content.signId')}
            testIdPrefix="compose"
          />
        )}
        <div>
          <Text size="sm" fw={500}>
            {t('template.params')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('template.paramsHelp')}
          </Text>
        </div>
        <Table withTableBorder verticalSpacing={6} data-testid="compose-params">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="35%">{t('template.paramName')}</Table.Th>
              <Table.Th>{t('template.paramValue')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {form.params.map((p, i) => (
              <Table.Tr key={p.key} data-testid="compose-param-row">
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${t('template.paramName')} ${i + 1}`}
                    placeholder={t('template.paramNamePlaceholder')}
                    value={p.name}
                    onChange={(e) => setParam(p.key, { name: e.currentTarget.value })}
                    data-testid="compose-param-name"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${t('template.paramValue')} ${i + 1}`}
                    placeholder={t('template.paramValuePlaceholder')}
                    value={p.value}
                    ref={(el) => {
                      if (el) paramRefs.current.set(p.key, el);
                      else paramRefs.current.delete(p.key);
                    }}
                    onFocus={() => setTarget({ kind: 'param', key: p.key })}
                    onChange={(e) => setParam(p.key, { value: e.currentTarget.value })}
                    data-testid="compose-param-value"
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" onClick={() => removeParam(p.key)} aria-label={t('template.removeParam', { index: i + 1 })} data-testid="compose-param-remove">
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {paramsError && (
          <Text size="xs" c="red" role="alert">
            {paramsError}
          </Text>
        )}
        <Group justify="space-between" align="flex-start">
          <Button size="xs" variant="default" onClick={addParam} data-testid="compose-param-add">
            {t('template.addParam')}
          </Button>
        </Group>
        {account && <TemplatePreview accountId={account.id} form={form} testId="compose-template-preview" />}
        {chips}
        {missingAlert}
      </Stack>
    );
  }

  return (
    <Stack gap="sm" data-testid="compose-text">
      <Textarea
        label={t('body.label')}
        placeholder={t('body.placeholder')}
        value={form.body}
        onChange={(e) => patch({ body: e.currentTarget.value })}
        onFocus={() => setTarget({ kind: 'body' })}
        ref={bodyRef}
        rows={5}
        resize="vertical"
        withAsterisk
        error={fieldError(fields, 'content.body')}
        data-testid="compose-body"
      />
      <SegmentCounter text={form.body} />
      {used.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('body.variablesNote')}
        </Text>
      )}
      {chips}
      {missingAlert}
    </Stack>
  );
}
