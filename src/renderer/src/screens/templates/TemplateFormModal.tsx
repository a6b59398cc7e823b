/** Submits a new template for review, or changes one JSMS rejected and submits it again. */
import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsmsTemplateType, JsmsTemplateView } from '../../../../shared/jsms-catalog.ts';
import { jsmsTemplateParams } from '../../../../shared/jsms-template.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useResultAction } from '../../components/use-result-action.ts';
import { useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';

const MAX = 350;

export function TemplateFormModal({ accountId, editing, onClose }: { accountId: string; editing: JsmsTemplateView | null; onClose: () => void }) {
  const { t } = useTranslation('templates');
  const [text, setText] = useState(editing?.template ?? '');
  const [type, setType] = useState<JsmsTemplateType>(editing?.type ?? 2);
  const [ttl, setTtl] = useState<number | string>(editing?.ttl ?? 300);
  const [remark, setRemark] = useState(editing?.remark ?? '');
  const { busy, error, run } = useResultAction();
  const params = jsmsTemplateParams(text);
  const length = [...text.trim()].length;

  const submit = () => {
    const fields = { template: text, type, remark, ...(type === 1 ? { ttl: Number(ttl) } : {}) };
    const store = useJsmsCatalogStore.getState();
    return run(() => (editing ? store.updateTemplate(accountId, editing.tempId, fields) : store.createTemplate(accountId, fields)), onClose);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={editing ? t('form.editTemplate', { id: editing.tempId }) : t('form.newTemplate')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      data-testid="template-form"
    >
      <Stack gap="sm">
        {editing && (
          <Text size="xs" c="dimmed">
            {t('form.editHint')}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('fields.type')}
          </Text>
          <SegmentedControl
            value={String(type)}
            onChange={(v) => setType(Number(v) as JsmsTemplateType)}
            data={(['2', '3', '1'] as const).map((v) => ({ value: v, label: t(`types.${v}`) }))}
            data-testid="template-form-type"
          />
        </div>
        <Textarea
          label={t('fields.text')}
          description={t('form.textHelp', { example: '{{name}}' })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          rows={4}
          autosize
          minRows={3}
          withAsterisk
          error={length > MAX ? t('form.length', { count: length }) : undefined}
          data-testid="template-form-text"
        />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" data-testid="template-form-params">
            {params.length > 0 ? t('form.params', { names: params.map((p) => `{{${p}}}`).join(', ') }) : t('form.noParams')}
          </Text>
          <Text size="xs" c={length > MAX ? 'red' : 'dimmed'}>
            {t('form.length', { count: length })}
          </Text>
        </Group>
        {type === 1 && <NumberInput label={t('fields.ttl')} value={ttl} onChange={setTtl} min={1} max={86_400} allowDecimal={false} data-testid="template-form-ttl" />}
        <TextInput label={t('fields.remark')} value={remark} onChange={(e) => setRemark(e.currentTarget.value)} maxLength={500} data-testid="template-form-remark" />
        {error && <ErrorAlert title={t('actionFailed')} error={error} testId="template-form-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button loading={busy} disabled={length === 0 || length > MAX} onClick={() => void submit()} data-testid="template-form-submit">
            {editing ? t('actions.resubmit') : t('actions.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
