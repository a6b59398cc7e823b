/**
 * Add or edit an account. Validates with the shared schemas before calling main, shows main's error
 * (code, sentence, field messages) when it refuses, and closes on success.
 */
import { Button, Fieldset, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDER_KINDS, REQUIRED_SECRETS, type AccountView, type ProviderKind } from '../../../../shared/accounts.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import {
  formStateFromAccount,
  newFormState,
  secretFieldsOf,
  serverFieldErrors,
  switchKind,
  validateAccountForm,
  type AccountFormState,
  type ConfigField,
  type FormErrors,
  type FormValues,
  type SecretEdit,
} from './account-form-model.ts';
import { KindBadge } from './KindBadge.tsx';
import { KindFields } from './KindFields.tsx';
import { SecretField } from './SecretField.tsx';

interface AccountFormModalProps {
  /** The account to edit; absent = add a new one. */
  account?: AccountView;
  onClose: () => void;
}

const NO_SECRETS: Record<string, boolean> = {};

export function AccountFormModal({ account, onClose }: AccountFormModalProps) {
  const { t, i18n } = useTranslation('accounts');
  const create = useAccountsStore((s) => s.create);
  const update = useAccountsStore((s) => s.update);
  const [state, setState] = useState<AccountFormState>(() => (account ? formStateFromAccount(account) : newFormState('jsms')));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<AppErrorShape | null>(null);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const hasSecret = account?.hasSecret ?? NO_SECRETS;

  const clientErrors = useMemo(() => {
    if (!submitted) return {};
    const result = validateAccountForm(state, hasSecret, i18n);
    return result.ok ? {} : result.errors;
  }, [submitted, state, hasSecret, i18n]);
  const errors: FormErrors = { ...serverErrors, ...clientErrors };

  const forget = (field: string) =>
    setServerErrors((prev) => {
      if (!(field in prev)) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });

  const setValue = <F extends ConfigField>(field: F, value: FormValues[F]) => {
    forget(field);
    setState((prev) => ({ ...prev, values: { ...prev.values, [field]: value } }));
  };
  const setSecret = (field: string, edit: SecretEdit) => {
    forget(field);
    setState((prev) => ({ ...prev, secrets: { ...prev.secrets, [field]: edit } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const result = validateAccountForm(state, hasSecret, i18n);
    if (!result.ok) return;
    setSaving(true);
    setServerError(null);
    const saved = account ? await update({ id: account.id, ...result.input }) : await create(result.input);
    setSaving(false);
    if (saved.ok) {
      onClose();
      return;
    }
    setServerError(saved.error);
    setServerErrors(serverFieldErrors(saved.error.fields, i18n));
  };

  const { kind } = state;
  const showSecret = (field: string) => !(kind === 'eims' && field === 'key' && !state.values.encrypted && !hasSecret.key);

  return (
    <Modal
      opened
      onClose={onClose}
      title={account ? t('form.editTitle', { name: account.name }) : t('form.addTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="account-form" data-kind={kind} aria-label={account ? t('form.editTitle', { name: account.name }) : t('form.addTitle')}>
        <Stack gap="md">
          {account ? (
            <Group gap="xs">
              <KindBadge kind={kind} />
              <Text size="sm" c="dimmed">
                {t(`kindDescriptions.${kind}`)}
              </Text>
            </Group>
          ) : (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="account-kind-label">
                {t('form.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="account-kind-label"
                data={PROVIDER_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
                value={kind}
                onChange={(value) => {
                  setServerErrors({});
                  setState((prev) => switchKind(prev, value as ProviderKind));
                }}
                data-testid="account-kind"
              />
              <Text size="xs" c="dimmed">
                {t(`kindDescriptions.${kind}`)}
              </Text>
            </Stack>
          )}

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Fieldset legend={t('form.connection')}>
              <KindFields kind={kind} values={state.values} errors={errors} onChange={setValue} />
            </Fieldset>

            <Fieldset legend={t('form.secrets')}>
              <Stack gap="sm">
                <Text size="xs" c="dimmed">
                  {t('form.secretsHint')}
                </Text>
                {secretFieldsOf(kind)
                  .filter(showSecret)
                  .map((field) => {
                    const required = REQUIRED_SECRETS[kind].includes(field);
                    return (
                      <SecretField
                        key={`${kind}-${field}`}
                        field={field}
                        stored={hasSecret[field] === true}
                        edit={state.secrets[field] ?? { mode: 'replace', value: '' }}
                        required={required || (kind === 'eims' && field === 'key' && state.values.encrypted)}
                        clearable={!required}
                        unreadable={account?.secretsToReenter.includes(field) === true}
                        description={kind === 'eims' && field === 'key' ? t('secret.keyOnlyWhenEncrypted') : i18n.exists(`accounts:secretDescriptions.${field}`) ? t(`secretDescriptions.${field}`) : undefined}
                        error={errors[field]}
                        onChange={(edit) => setSecret(field, edit)}
                      />
                    );
                  })}
              </Stack>
            </Fieldset>
          </SimpleGrid>

          {serverError && <ErrorAlert title={t('form.saveFailed')} error={serverError} testId="account-save-error" />}
          {submitted && Object.keys(clientErrors).length > 0 && (
            <Text size="sm" c="red" role="status" data-testid="account-form-invalid">
              {t('form.fixFields')}
            </Text>
          )}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-testid="account-cancel">
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="account-save">
              {account ? t('form.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
