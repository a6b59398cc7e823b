/** The import wizard: file → sheet/encoding → mapping → preview with rejects → import into a list. */
import { Button, Group, Paper, Stack, Stepper } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useImportStore } from '../../../stores/contacts-import.ts';
import { useContactsError } from '../contacts-error.ts';
import { CommitStep } from './CommitStep.tsx';
import { FileStep } from './FileStep.tsx';
import { ImportProgressBar } from './ImportProgressBar.tsx';
import { MappingStep } from './MappingStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { SourceStep } from './SourceStep.tsx';

const LAST = 4;

export function ImportWizard({ onOpenList }: { onOpenList: (listId: string) => void }) {
  const { t } = useTranslation('contacts');
  const importId = useImportStore((s) => s.importId);
  const preview = useImportStore((s) => s.preview);
  const busy = useImportStore((s) => s.busy);
  const progress = useImportStore((s) => s.progress);
  const error = useImportStore((s) => s.error);
  const summary = useImportStore((s) => s.summary);
  const cancel = useImportStore((s) => s.cancel);
  const tr = useContactsError();
  const [step, setStep] = useState(() => (summary ? LAST : importId !== null ? 1 : 0));

  // Sheet and mapping can be changed while no preview exists (e.g. no phone column found); later steps need one.
  const canAdvance = busy === null && (step === 0 ? importId !== null : step >= 2 ? preview !== null : importId !== null);
  const restart = () => {
    void cancel();
    setStep(0);
  };

  return (
    <Stack gap="md" data-testid="import-wizard" data-step={step}>
      <Stepper active={step} onStepClick={(s) => (s < step || (s <= 3 && preview !== null)) && !summary && busy === null && setStep(s)} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('wizard.steps.file')} />
        <Stepper.Step label={t('wizard.steps.source')} />
        <Stepper.Step label={t('wizard.steps.mapping')} />
        <Stepper.Step label={t('wizard.steps.preview')} />
        <Stepper.Step label={t('wizard.steps.import')} />
      </Stepper>
      <Paper withBorder p="md">
        <Stack gap="md">
          {step === 0 && <FileStep />}
          {step === 1 && <SourceStep />}
          {step === 2 && <MappingStep />}
          {step === 3 && <PreviewStep />}
          {step === 4 && (
            <CommitStep
              onOpenList={(id) => {
                void cancel();
                setStep(0);
                onOpenList(id);
              }}
              onAnother={restart}
            />
          )}
          {busy !== null && <ImportProgressBar progress={progress} onCancel={busy === 'commit' ? undefined : restart} />}
          {error && <ErrorAlert title={t('wizard.failed')} error={tr(error)} testId="import-error" />}
        </Stack>
      </Paper>
      {!summary && (
        <Group justify="space-between">
          <Group gap="sm">
            <Button variant="default" disabled={step === 0 || busy === 'commit'} onClick={() => setStep((s) => s - 1)} data-testid="import-back">
              {t('wizard.back')}
            </Button>
            {importId !== null && (
              <Button variant="subtle" color="red" disabled={busy === 'commit'} onClick={restart} data-testid="import-restart">
                {t('wizard.startOver')}
              </Button>
            )}
          </Group>
          {step < LAST && (
            <Button disabled={!canAdvance} onClick={() => setStep((s) => s + 1)} data-testid="import-next">
              {t('wizard.next')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
