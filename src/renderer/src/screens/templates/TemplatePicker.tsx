/**
 * Picks a JSMS template and signature from the ones the app knows for the account (Templates screen),
 * instead of typing numbers; picking a template lays out its parameters; the filled text shows live.
 * Shared by Compose and the Schedules form.
 */
import { Alert, Anchor, Button, Grid, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import type { JsmsTemplateView } from '../../../../shared/jsms-catalog.ts';
import { fillJsmsTemplateDraft } from '../../../../shared/jsms-template.ts';
import { useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { useRouteStore } from '../../stores/route.ts';
import { paramsForTemplate, type ComposeForm } from '../compose/compose-model.ts';

type TemplateFields = Pick<ComposeForm, 'tempId' | 'signId' | 'params'>;

interface TemplatePickerProps {
  account: AccountView;
  form: TemplateFields;
  /** Picking a template lays out one parameter row per parameter of its text, keeping values typed for a name. */
  onChange: (patch: Partial<TemplateFields>) => void;
  tempError?: string | undefined;
  signError?: string | undefined;
  testIdPrefix: string;
}

/** Templates a campaign can send (notice and marketing; verification codes go through the code API). */
const sendable = (t: JsmsTemplateView) => t.type !== 1;

export function TemplatePicker({ account, form, onChange, tempError, signError, testIdPrefix }: TemplatePickerProps) {
  const { t } = useTranslation('templates');
  const { id: accountId } = account;
  const { tempId, signId } = form;
  const accountSign = account.kind === 'jsms' ? account.signId : undefined;
  const catalog = useAccountCatalog(accountId);
  const navigate = useRouteStore((s) => s.navigate);
  useEffect(() => {
    void useJsmsCatalogStore.getState().load(accountId);
  }, [accountId]);

  const templates = catalog.templates.filter(sendable);
  const status = (s: JsmsTemplateView['status']) => t(`status.${s}`);
  const data = templates.map((x) => ({
    value: String(x.tempId),
    label: `#${x.tempId} · ${x.template.slice(0, 40)}${x.template.length > 40 ? '…' : ''} (${status(x.status)})`,
    disabled: x.status !== 'passed' && String(x.tempId) !== tempId,
  }));
  // A template chosen before (a duplicated campaign, a schedule) that the list does not hold yet.
  if (tempId !== '' && !data.some((d) => d.value === tempId)) data.unshift({ value: tempId, label: `#${tempId}`, disabled: false });
  const passedSigns = catalog.signs.filter((s) => s.status === 'passed' || String(s.signId) === signId);
  const signData = [
    { value: '', label: accountSign !== undefined ? t('picker.accountSign', { id: accountSign }) : t('picker.noSign') },
    ...passedSigns.map((s) => ({ value: String(s.signId), label: `${s.sign} (#${s.signId})` })),
  ];
  if (signId !== '' && !signData.some((d) => d.value === signId)) signData.push({ value: signId, label: `#${signId}` });

  return (
    <Stack gap={6}>
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Select
            label={t('fields.template')}
            placeholder={t('picker.templatePlaceholder')}
            data={data}
            value={tempId === '' ? null : tempId}
            onChange={(v) => {
              const picked = templates.find((x) => String(x.tempId) === v);
              onChange({ tempId: v ?? '', params: paramsForTemplate(form.params, picked?.params ?? []) });
            }}
            searchable
            nothingFoundMessage={t('picker.none')}
            withAsterisk
            error={tempError}
            data-testid={`${testIdPrefix}-template-select`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('fields.sign')}
            data={signData}
            value={signId}
            onChange={(v) => onChange({ signId: v ?? '' })}
            allowDeselect={false}
            error={signError}
            data-testid={`${testIdPrefix}-sign-select`}
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs">
        <Button size="compact-xs" variant="subtle" loading={catalog.status === 'loading'} onClick={() => void useJsmsCatalogStore.getState().refreshTemplates(accountId)} data-testid={`${testIdPrefix}-refresh`}>
          {t('picker.refresh')}
        </Button>
        <Anchor size="xs" component="button" type="button" onClick={() => navigate('templates')} data-testid={`${testIdPrefix}-manage`}>
          {t('picker.manage')}
        </Anchor>
      </Group>
      {templates.length === 0 && catalog.status === 'ready' && (
        <Text size="xs" c="dimmed" data-testid={`${testIdPrefix}-empty`}>
          {t('picker.empty')}
        </Text>
      )}
    </Stack>
  );
}

/** The template's text with the parameter values as typed (variables still as `{name}`): what a recipient reads. */
export function TemplatePreview({ accountId, form, testId }: { accountId: string; form: TemplateFields; testId: string }) {
  const { t } = useTranslation('templates');
  const template = useAccountCatalog(accountId).templates.find((x) => String(x.tempId) === form.tempId);
  if (!template) return null;
  const filled = fillJsmsTemplateDraft(template.template, Object.fromEntries(form.params.map((p) => [p.name.trim(), p.value])));
  return (
    <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)" data-testid={testId}>
      <Text size="xs" c="dimmed" mb={2}>
        {t('picker.preview')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`${testId}-text`}>
        {filled.text}
      </Text>
      {filled.missing.length > 0 && (
        <Alert color="yellow" variant="light" p={6} mt={6} data-testid={`${testId}-missing`}>
          <Text size="xs">{t('picker.unfilled', { count: filled.missing.length, names: filled.missing.map((n) => `{{${n}}}`).join(', ') })}</Text>
        </Alert>
      )}
    </Paper>
  );
}
