/**
 * GSM box push setup, step by step: read what the box holds, write this app's receiver into it (read
 * back and confirmed by main), then send a test SMS and show that its pushed result arrived.
 */
import { Alert, Badge, Button, Code, Group, Loader, Modal, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { BoxPushState, BoxPushTestResult } from '../../../../shared/monitoring.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useReceiverStore } from '../../stores/receiver.ts';

function PushState({ state }: { state: BoxPushState }) {
  const { t, i18n } = useTranslation('receiver');
  return (
    <Stack gap={4} data-testid="box-push-state" data-points-here={state.pointsHere}>
      <Group gap="xs">
        <Badge color={state.pointsHere ? 'teal' : 'orange'} variant="light">
          {state.pointsHere ? t('wizard.pointsHere') : t('wizard.notHere')}
        </Badge>
        <Badge color={state.enabled ? 'blue' : 'gray'} variant="outline">
          {state.enabled ? t('wizard.enabled') : t('wizard.disabled')}
        </Badge>
      </Group>
      <Text size="sm">
        {t('wizard.target')} <Code>{state.target || '—'}</Code>
      </Text>
      {state.problem && (
        <Text size="sm" c="orange">
          {sentenceText(i18n, state.problem)}
        </Text>
      )}
    </Stack>
  );
}

export function BoxPushWizard({ accountId, name, onClose }: { accountId: string | null; name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('receiver');
  const { boxPushGet, boxPushSetup, boxPushTest } = useReceiverStore.getState();
  const [step, setStep] = useState(0);
  const [current, setCurrent] = useState<BoxPushState | null>(null);
  const [written, setWritten] = useState<BoxPushState | null>(null);
  const [host, setHost] = useState('');
  const [number, setNumber] = useState('');
  const [test, setTest] = useState<BoxPushTestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    if (accountId === null) return;
    setStep(0);
    setCurrent(null);
    setWritten(null);
    setTest(null);
    setError(null);
    let live = true;
    void boxPushGet(accountId).then((r) => {
      if (!live) return;
      if (r.ok) setCurrent(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [accountId, boxPushGet]);

  const run = async <T,>(fn: () => Promise<{ ok: true; value: T } | { ok: false; error: AppErrorShape }>, then: (v: T) => void) => {
    setBusy(true);
    setError(null);
    const r = await fn();
    setBusy(false);
    if (r.ok) then(r.value);
    else setError(r.error);
  };

  return (
    <Modal opened={accountId !== null} onClose={onClose} title={t('wizard.title', { name })} size="lg" data-testid="box-push-wizard">
      {accountId !== null && (
        <Stepper active={step} onStepClick={(s) => s <= step && setStep(s)} size="sm">
          <Stepper.Step label={t('wizard.step1')} description={t('wizard.step1Hint')}>
            <Stack gap="sm" mt="sm">
              {current === null && !error && <Loader size="sm" aria-label={t('common:loading')} />}
              {current && (
                <>
                  <Text size="sm" fw={500}>
                    {t('wizard.now')}
                  </Text>
                  <PushState state={current} />
                </>
              )}
              <TextInput label={t('wizard.host')} description={t('wizard.hostHint')} placeholder={t('wizard.hostAuto')} value={host} onChange={(e) => setHost(e.currentTarget.value)} maxLength={64} data-testid="box-push-host" />
              {written && (
                <>
                  <Text size="sm" fw={500}>
                    {t('wizard.readBack')}
                  </Text>
                  <PushState state={written} />
                </>
              )}
              {error && <ErrorAlert title={t('wizard.failed')} error={error} testId="box-push-error" />}
              <Group justify="flex-end">
                <Button variant={written?.pointsHere ? 'default' : 'filled'} loading={busy} onClick={() => void run(() => boxPushSetup(accountId, host.trim() || undefined), setWritten)} data-testid="box-push-write">
                  {t('wizard.write')}
                </Button>
                {(written ?? current)?.pointsHere && (
                  <Button onClick={() => setStep(1)} data-testid="box-push-next">
                    {t('wizard.next')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.step2')} description={t('wizard.step2Hint')}>
            <Stack gap="sm" mt="sm">
              <Text size="sm">{t('wizard.testIntro')}</Text>
              <TextInput label={t('wizard.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} maxLength={32} inputMode="tel" data-testid="box-push-number" />
              {busy && (
                <Group gap="xs" aria-live="polite">
                  <Loader size="xs" />
                  <Text size="sm" c="dimmed">
                    {t('wizard.waiting')}
                  </Text>
                </Group>
              )}
              {test && (
                <Alert color={test.arrived ? 'teal' : 'orange'} variant="light" title={test.arrived ? t('wizard.arrived') : t('wizard.notArrived')} data-testid="box-push-result" data-arrived={test.arrived}>
                  <Text size="sm">{sentenceText(i18n, test.summary)}</Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('wizard.state', { state: t(`campaigns:messageStates.${test.state}`) })}
                  </Text>
                </Alert>
              )}
              {error && <ErrorAlert title={t('wizard.failed')} error={error} testId="box-push-error" />}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('wizard.skip')}
                </Button>
                <Button loading={busy} disabled={number.trim().length < 3} onClick={() => void run(() => boxPushTest(accountId, number.trim()), setTest)} data-testid="box-push-test">
                  {t('wizard.sendTest')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
        </Stepper>
      )}
    </Modal>
  );
}
