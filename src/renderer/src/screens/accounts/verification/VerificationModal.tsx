/**
 * Verification codes for one JSMS account: send a text or voice code to a phone (shows the msg_id),
 * then check the code the phone received (valid, or the plain reason). Validates with the shared
 * schemas before calling main; main's refusals show in an ErrorAlert.
 */
import { Alert, Button, Code, Divider, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../../shared/accounts.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { sentenceText } from '../../../i18n/issue-text.ts';
import { KindBadge } from '../KindBadge.tsx';
import { useVerification } from './use-verification.ts';
import {
  EMPTY_SEND,
  validateCheck,
  validateSend,
  type Channel,
  type CheckValues,
  type FieldErrors,
  type SendValues,
  type VoiceLang,
} from './verification-form.ts';

export function VerificationModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t, i18n } = useTranslation('accounts');
  const tool = useVerification();
  const [values, setValues] = useState<SendValues>(EMPTY_SEND);
  const [sendErrors, setSendErrors] = useState<FieldErrors>({});
  const [checkValues, setCheckValues] = useState<CheckValues>({ msgId: '', code: '' });
  const [checkErrors, setCheckErrors] = useState<FieldErrors>({});

  const set = <K extends keyof SendValues>(field: K, value: SendValues[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setSendErrors((prev) => (field in prev ? { ...prev, [field]: '' } : prev));
  };
  const setCheck = <K extends keyof CheckValues>(field: K, value: CheckValues[K]) => {
    setCheckValues((prev) => ({ ...prev, [field]: value }));
    setCheckErrors((prev) => (field in prev ? { ...prev, [field]: '' } : prev));
    tool.clearResult();
  };

  const submitSend = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateSend(account.id, values, i18n);
    if (!result.ok) {
      setSendErrors(result.errors);
      return;
    }
    setSendErrors({});
    const msgId = await tool.send(result.input);
    if (msgId) setCheckValues({ msgId, code: '' });
  };

  const submitCheck = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateCheck(account.id, checkValues, i18n);
    if (!result.ok) {
      setCheckErrors(result.errors);
      return;
    }
    setCheckErrors({});
    await tool.check(result.input);
  };

  const err = (errors: FieldErrors, field: string) => errors[field] || undefined;

  return (
    <Modal opened onClose={onClose} title={t('verify.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <Stack gap="md" data-testid="verification-tool" data-account-id={account.id}>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={500}>
            {t('verify.account')}
          </Text>
          <Group gap="xs">
            <KindBadge kind={account.kind} />
            <Text fw={500} data-testid="verification-account">
              {account.name}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('verify.intro')}
          </Text>
        </Stack>

        <form onSubmit={(event) => void submitSend(event)} noValidate aria-label={t('verify.send')} data-testid="verification-send-form">
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="verification-channel-label">
                {t('verify.channel')}
              </Text>
              <SegmentedControl
                aria-labelledby="verification-channel-label"
                data={(['text', 'voice'] as const).map((value) => ({ value, label: t(`verify.channels.${value}`) }))}
                value={values.channel}
                onChange={(value) => {
                  set('channel', value as Channel);
                  setSendErrors({});
                }}
                data-testid="verification-channel"
              />
            </Stack>
            <TextInput
              label={t('verify.mobile.label')}
              description={t('verify.mobile.description')}
              withAsterisk
              value={values.mobile}
              onChange={(e) => set('mobile', e.currentTarget.value)}
              error={err(sendErrors, 'mobile')}
              inputMode="tel"
              data-testid="verification-mobile"
            />
            {values.channel === 'text' ? (
              <TextInput
                label={t('verify.tempId.label')}
                description={t('verify.tempId.description')}
                withAsterisk
                value={values.tempId}
                onChange={(e) => set('tempId', e.currentTarget.value)}
                error={err(sendErrors, 'tempId')}
                inputMode="numeric"
                data-testid="verification-temp-id"
              />
            ) : (
              <Group grow align="flex-start">
                <TextInput
                  label={t('verify.code.label')}
                  description={t('verify.code.description')}
                  value={values.code}
                  onChange={(e) => set('code', e.currentTarget.value)}
                  error={err(sendErrors, 'code')}
                  inputMode="numeric"
                  data-testid="verification-voice-code"
                />
                <Select
                  label={t('verify.voiceLang.label')}
                  data={[
                    { value: '0', label: t('verify.voiceLang.zh') },
                    { value: '1', label: t('verify.voiceLang.en') },
                    { value: '2', label: t('verify.voiceLang.mixed') },
                  ]}
                  value={values.voiceLang}
                  onChange={(value) => set('voiceLang', (value ?? '0') as VoiceLang)}
                  allowDeselect={false}
                  error={err(sendErrors, 'voiceLang')}
                  data-testid="verification-voice-lang"
                />
              </Group>
            )}
            {tool.sendError && <ErrorAlert title={t('verify.sendFailed')} error={tool.sendError} testId="verification-send-error" />}
            <Group justify="space-between" wrap="nowrap">
              <div>
                {tool.sentMsgId && (
                  <Text size="sm" data-testid="verification-sent">
                    {t('verify.sent')}{' '}
                    <Code data-testid="verification-msg-id">{tool.sentMsgId}</Code>
                  </Text>
                )}
              </div>
              <Button type="submit" loading={tool.sending} data-testid="verification-send">
                {t('verify.send')}
              </Button>
            </Group>
          </Stack>
        </form>

        <Divider label={t('verify.checkTitle')} labelPosition="left" />

        <form onSubmit={(event) => void submitCheck(event)} noValidate aria-label={t('verify.checkTitle')} data-testid="verification-check-form">
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label={t('verify.msgId.label')}
                description={t('verify.msgId.description')}
                withAsterisk
                value={checkValues.msgId}
                onChange={(e) => setCheck('msgId', e.currentTarget.value)}
                error={err(checkErrors, 'msgId')}
                data-testid="verification-check-msg-id"
              />
              <TextInput
                label={t('verify.received.label')}
                description={t('verify.received.description')}
                withAsterisk
                value={checkValues.code}
                onChange={(e) => setCheck('code', e.currentTarget.value)}
                error={err(checkErrors, 'code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                data-testid="verification-code"
              />
            </Group>
            {tool.checkError && <ErrorAlert title={t('verify.checkFailed')} error={tool.checkError} testId="verification-check-error" />}
            {tool.result && (
              <Alert
                color={tool.result.valid ? 'teal' : 'orange'}
                variant="light"
                role="status"
                title={tool.result.valid ? t('verify.valid') : t('verify.invalid')}
                data-testid="verification-result"
                data-valid={String(tool.result.valid)}
              >
                {!tool.result.valid && (
                  <Stack gap={2}>
                    {tool.result.reason && <Text size="sm">{sentenceText(i18n, tool.result.reason)}</Text>}
                    {tool.result.reasonCode !== undefined && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {t('verify.reasonCode', { code: tool.result.reasonCode })}
                      </Text>
                    )}
                  </Stack>
                )}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={tool.checking} data-testid="verification-verify">
                {t('verify.verify')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
