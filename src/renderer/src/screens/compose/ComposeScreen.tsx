/**
 * Compose: account, message (free text with a live counter, or a JSMS template), recipients and quiet
 * hours; "Review" asks main for the pre-send summary and only the reviewed draft can be sent.
 */
import { Alert, Button, Divider, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTimeFormat } from '../../format/date-time.ts';
import { useAccount, useAccountsStore } from '../../stores/accounts.ts';
import { useComposeStore, useDraftUnsaved, usePreviewIsCurrent } from '../../stores/compose.ts';
import { useComposeTestStore } from '../../stores/compose-test.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { TestSendPanel } from './TestSendPanel.tsx';
import { connectContactsUpdates, useContactsStore } from '../../stores/contacts.ts';
import { openCampaign } from '../campaigns/campaign-route.ts';
import { AccountSection } from './AccountSection.tsx';
import { ContentSection } from './ContentSection.tsx';
import { QuietHoursSection } from './QuietHoursSection.tsx';
import { RecipientsSection } from './RecipientsSection.tsx';
import { ReviewSummary } from './ReviewSummary.tsx';
import { composeScheduleMode, TimingSection } from './TimingSection.tsx';
import { useComposeTimingStore } from '../../stores/compose-timing.ts';
import { hashForRoute } from '../../routes.ts';
import { useRouteStore } from '../../stores/route.ts';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function ComposeScreen() {
  const { t, i18n } = useTranslation('compose');
  const { t: ts } = useTranslation('schedules');
  const timing = useComposeTimingStore((s) => s.timing);
  const whenMode = useComposeTimingStore((s) => s.when.mode);
  const scheduling = useComposeTimingStore((s) => s.busy);
  const scheduleError = useComposeTimingStore((s) => s.error);
  const form = useComposeStore((s) => s.form);
  const fieldErrors = useComposeStore((s) => s.fieldErrors);
  const error = useComposeStore((s) => s.error);
  const busy = useComposeStore((s) => s.busy);
  const preview = useComposeStore((s) => s.preview);
  const listVariables = useComposeStore((s) => s.listVariables);
  const { review, send, reset, loadListVariables } = useComposeStore.getState();
  const account = useAccount(form.accountId);
  const current = usePreviewIsCurrent(account?.kind);
  const draftId = useComposeStore((s) => s.draftId);
  const unsaved = useDraftUnsaved();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const saveDraft = async () => {
    setSaving(true);
    setSaveError(null);
    const r = await useComposeStore.getState().saveDraft();
    setSaving(false);
    if (!r.ok) setSaveError(r.error);
  };

  useEffect(() => {
    void useAccountsStore.getState().load();
    void useContactsStore.getState().loadLists();
    let stop: (() => void) | undefined;
    try {
      stop = connectContactsUpdates();
    } catch {
      // No bridge: the loads above record the error to show.
    }
    return () => stop?.();
  }, []);

  // A fresh draft gets a name the user can keep (once: a name the user clears stays cleared).
  const nameFresh = () => {
    if (useComposeStore.getState().form.name !== '') return;
    const date = dateTimeFormat(i18n.language).dateTime(Date.now());
    useComposeStore.getState().patch({ name: t('name.default', { date }) });
  };
  const named = useRef(false);
  useEffect(() => {
    if (named.current) return;
    named.current = true;
    nameFresh();
  });

  useEffect(() => {
    for (const id of form.listIds) void loadListVariables(id);
  }, [form.listIds, loadListVariables]);

  const variables = useMemo(() => {
    const names = new Set<string>();
    for (const id of form.listIds) for (const v of listVariables[id] ?? []) names.add(v);
    return [...names, 'phone'];
  }, [form.listIds, listVariables]);

  const hasRecipients = form.listIds.length > 0 || form.pasted.trim() !== '';
  // A schedule the provider holds cannot be taken back like the app's own: the review says so.
  const heldBy = composeScheduleMode(account?.kind, timing, whenMode);
  const scheduleHint = heldBy === 'local' ? ts('compose.scheduleHint') : ts(`review.note.${heldBy}`);
  const fieldSentences = Object.values(fieldErrors);

  const onSend = async () => {
    if (timing !== 'now') {
      const scheduled = await useComposeTimingStore.getState().schedule(form, account?.kind);
      if (scheduled.ok) {
        reset();
        window.location.hash = hashForRoute('schedules');
        useRouteStore.setState({ route: 'schedules' });
      }
      return;
    }
    const r = await send(account?.kind);
    if (r.ok) openCampaign(r.value.id);
  };

  return (
    <Stack gap="md" data-testid="screen-compose">
      <ScreenHeader title={t('title')} intro={t('intro')}>
        <Group gap="xs" wrap="nowrap" align="center">
          {draftId !== null && (
            <Text size="xs" c="dimmed" data-testid="compose-draft-state" data-unsaved={unsaved} style={{ whiteSpace: 'nowrap' }}>
              {unsaved ? t('drafts.unsaved') : t('drafts.saved')}
            </Text>
          )}
          <Button variant="default" loading={saving} onClick={() => void saveDraft()} data-testid="compose-save-draft">
            {t('drafts.save')}
          </Button>
          <Button variant="subtle" color="gray" onClick={() => (reset(), useComposeTestStore.getState().reset(), nameFresh())} data-testid="compose-reset">
            {t('startOver')}
          </Button>
        </Group>
      </ScreenHeader>
      {saveError && <ErrorAlert title={t('drafts.failed')} error={saveError} testId="compose-draft-error" />}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Section title={t('sections.account')}>
              <AccountSection account={account} />
            </Section>
            <Section title={t('sections.content')}>
              <ContentSection account={account} variables={variables} hasRecipients={hasRecipients} hasLists={form.listIds.length > 0} />
            </Section>
            <Section title={t('sections.recipients')}>
              <RecipientsSection />
            </Section>
            <Section title={t('sections.quietHours')}>
              <QuietHoursSection />
            </Section>
            <Section title={ts('compose.section')}>
              <TimingSection account={account} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md" style={{ position: 'sticky', top: 68 }} data-testid="compose-review-panel">
            <Stack gap="md">
              <Button
                variant={preview ? 'default' : 'filled'}
                onClick={() => void review(account?.kind)}
                loading={busy === 'review'}
                disabled={busy === 'send'}
                data-testid="compose-review"
              >
                {preview ? t('review.again') : t('review.button')}
              </Button>
              {fieldSentences.length > 0 && (
                <Alert color="red" variant="light" title={t('review.invalidTitle')} role="alert" data-testid="compose-field-errors">
                  <List size="sm">
                    {fieldSentences.map((sentence, i) => (
                      <List.Item key={i}>{sentence}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {error && fieldSentences.length === 0 && (
                <ErrorAlert title={busy === null && preview ? t('summary.sendFailed') : t('review.failed')} error={error} testId="compose-error" />
              )}
              {scheduleError && <ErrorAlert title={ts('compose.scheduleFailed')} error={scheduleError} testId="compose-schedule-error" />}
              {preview ? (
                <ReviewSummary
                  preview={preview}
                  current={current}
                  sending={busy === 'send' || scheduling}
                  onSend={() => void onSend()}
                  {...(timing === 'now' ? {} : { sendLabel: ts('compose.scheduleButton'), hint: scheduleHint })}
                />
              ) : (
                <Text size="sm" c="dimmed" data-testid="compose-review-empty">
                  {t('review.empty')}
                </Text>
              )}
              <Divider />
              <TestSendPanel account={account} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
