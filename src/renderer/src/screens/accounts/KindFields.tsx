/** The non-secret fields of one provider kind, labelled and described, with their validation messages. */
import { NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProviderKind } from '../../../../shared/accounts.ts';
import { KIND_FIELDS, type ConfigField, type FieldSpec, type FormErrors, type FormValues } from './account-form-model.ts';

interface KindFieldsProps {
  kind: ProviderKind;
  values: FormValues;
  errors: FormErrors;
  onChange: <F extends ConfigField>(field: F, value: FormValues[F]) => void;
}

export function KindFields({ kind, values, errors, onChange }: KindFieldsProps) {
  const { t, i18n } = useTranslation('accounts');
  const describe = (spec: FieldSpec): string | undefined => {
    if (spec.name === 'baseUrl') return t(`baseUrlHint.${kind}`);
    const key = `accounts:fields.${spec.name}.description`;
    return i18n.exists(key) ? t(key) : undefined;
  };

  return (
    <Stack gap="sm">
      {KIND_FIELDS[kind].map((spec) => {
        const common = {
          label: t(`fields.${spec.name}.label`),
          description: describe(spec),
          error: errors[spec.name],
          'data-testid': `account-field-${spec.name}`,
        };
        switch (spec.type) {
          case 'switch':
            return (
              <Switch
                key={spec.name}
                {...common}
                checked={values[spec.name] === true}
                onChange={(event) => onChange(spec.name, event.currentTarget.checked as FormValues[typeof spec.name])}
              />
            );
          case 'number':
            return (
              <NumberInput
                key={spec.name}
                {...common}
                required={spec.required}
                min={spec.min}
                step={spec.step}
                allowDecimal={spec.decimals !== undefined}
                decimalScale={spec.decimals}
                allowNegative={false}
                value={values[spec.name] as number | string}
                onChange={(value) => onChange(spec.name, value as FormValues[typeof spec.name])}
              />
            );
          default:
            return (
              <TextInput
                key={spec.name}
                {...common}
                required={spec.required}
                type={spec.type === 'url' ? 'url' : 'text'}
                inputMode={spec.name === 'signId' ? 'numeric' : undefined}
                maxLength={spec.name === 'currency' ? 3 : undefined}
                placeholder={spec.name === 'currency' ? 'CNY' : undefined}
                spellCheck={false}
                autoComplete="off"
                value={values[spec.name] as string}
                onChange={(event) => onChange(spec.name, event.currentTarget.value as FormValues[typeof spec.name])}
              />
            );
        }
      })}
    </Stack>
  );
}
