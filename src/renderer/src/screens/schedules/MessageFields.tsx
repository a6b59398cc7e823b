/**
 * The message part of a schedule: the same draft Compose builds (name, account, text or a JSMS
 * template and signature picked from the account's list, with its parameters and the filled text
 * live, lists and pasted numbers), with Compose's live segment counter.
 */
import { ActionIcon, Button, Group, MultiSelect, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import type { ListView } from '../../../../shared/contact-lists.ts';
import { modeOf, type ComposeForm } from '../compose/compose-model.ts';
import { SegmentCounter } from '../compose/SegmentCounter.tsx';
import { TemplatePicker, TemplatePreview } from '../templates/TemplatePicker.tsx';

interface Props {
  form: ComposeForm;
  accounts: AccountView[];
  lists: ListView[];
  errors: Record<string, string>;
  accountLocked: boolean;
  onChange: (next: Partial<ComposeForm>) => void;
}

const err = (errors: Record<string, string>, ...paths: string[]) => {
  for (const p of paths) {
    const hit = Object.entries(errors).find(([k]) => k === p || k.startsWith(`${p}.`) || k === `draft.${p}` || k.startsWith(`draft.${p}.`));
    if (hit) return hit[1];
  }
  return undefined;
};

export function MessageFields({ form, accounts, lists, errors, accountLocked, onChange }: Props) {
  const { t } = useTranslation('schedules');
  const account = accounts.find((a) => a.id === form.accountId);
  const mode = modeOf(account?.kind);
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput label={t('form.name')} value={form.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={err(errors, 'name')} data-testid="schedule-form-name" />
        <Select
          label={t('form.account')}
          placeholder={t('form.accountPlaceholder')}
          data={accounts.map((a) => ({ value: a.id, label: t('common:nameAndDetail', { name: a.name, detail: t(`accounts:kinds.${a.kind}`) }) }))}
          value={form.accountId}
          onChange={(v) => onChange({ accountId: v })}
          disabled={accountLocked}
          error={err(errors, 'accountId')}
          allowDeselect={false}
          data-testid="schedule-form-account"
        />
      </Group>
      {mode === 'text' ? (
        <Stack gap={6}>
          <Textarea
            label={t('form.text')}
            value={form.body}
            rows={4}
            onChange={(e) => onChange({ body: e.currentTarget.value })}
            error={err(errors, 'content.body', 'content')}
            data-testid="schedule-form-body"
          />
          {form.body !== '' && <SegmentCounter text={form.body} />}
        </Stack>
      ) : (
        <Stack gap={6}>
          {account && (
            <TemplatePicker
              account={account}
              form={form}
              onChange={onChange}
              tempError={err(errors, 'content.tempId', 'content')}
              signError={err(errors, 'content.signId')}
              testIdPrefix="schedule-form"
            />
          )}
          {form.params.map((p) => (
            <Group key={p.key} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('form.param')}
                value={p.name}
                onChange={(e) => onChange({ params: form.params.map((x) => (x.key === p.key ? { ...x, name: e.currentTarget.value } : x)) })}
                style={{ flex: 1 }}
                data-testid="schedule-form-param-name"
              />
              <TextInput
                label={t('form.value')}
                value={p.value}
                onChange={(e) => onChange({ params: form.params.map((x) => (x.key === p.key ? { ...x, value: e.currentTarget.value } : x)) })}
                style={{ flex: 2 }}
                data-testid="schedule-form-param-value"
              />
              <ActionIcon variant="subtle" color="gray" aria-label="×" onClick={() => onChange({ params: form.params.filter((x) => x.key !== p.key) })} mb={4}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="xs"
            variant="subtle"
            w="fit-content"
            onClick={() => onChange({ params: [...form.params, { key: Math.max(0, ...form.params.map((x) => x.key)) + 1, name: '', value: '' }] })}
          >
            {t('form.addParam')}
          </Button>
          {account && <TemplatePreview accountId={account.id} form={form} testId="schedule-form-template-preview" />}
        </Stack>
      )}
      <MultiSelect
        label={t('form.lists')}
        placeholder={form.listIds.length === 0 ? t('form.listsPlaceholder') : undefined}
        data={lists.map((l) => ({ value: l.id, label: t('common:nameAndDetail', { name: l.name, detail: l.size }) }))}
        value={form.listIds}
        onChange={(v) => onChange({ listIds: v })}
        searchable
        error={err(errors, 'recipients.listIds', 'recipients')}
        data-testid="schedule-form-lists"
      />
      <Textarea
        label={t('form.pasted')}
        description={t('form.pastedHint')}
        value={form.pasted}
        rows={3}
        onChange={(e) => onChange({ pasted: e.currentTarget.value })}
        error={err(errors, 'recipients.pasted')}
        data-testid="schedule-form-pasted"
      />
    </Stack>
  );
}
