/**
 * One campaign: live progress and counts, the quiet-hours wait and the error holding it, pause / resume /
 * cancel, retry as a new campaign, export, its gateway's port history (box campaigns) and its messages.
 */
import { Alert, Anchor, Button, Center, Group, Loader, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_MESSAGE_STATES, HANDED_OVER_STATES, type CampaignView } from '../../../../shared/campaigns.ts';
import type { AppErrorShape, Result } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { useCampaignsStore, type RetryChoice } from '../../stores/campaigns.ts';
import { KindBadge } from '../accounts/KindBadge.tsx';
import { openCampaign } from './campaign-route.ts';
import { openInCompose } from '../compose/open-in-compose.ts';
import { CancelCampaignModal, ResendUnknownModal } from './CampaignModals.tsx';
import { MoveCampaignModal } from './MoveCampaignModal.tsx';
import { CampaignProgress } from './CampaignProgress.tsx';
import { CampaignReplies } from './CampaignReplies.tsx';
import { MessagesTable } from './MessagesTable.tsx';
import { singleKindLabel } from '../../components/SentText.tsx';
import { StateBadge } from './StateBadge.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { CampaignPortHistory } from '../box-ports/CampaignPortHistory.tsx';

type Busy = 'pause' | 'resume' | 'cancel' | 'retry' | 'unknown' | 'export' | 'duplicate' | null;

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} component="div">
        {value}
      </Text>
    </div>
  );
}

/** A line linking a related campaign (the one this took over from, or took over this one's rest). */
function CampaignLink({ label, open, to, testId }: { label: string; open: string; to: string | null; testId: string }) {
  if (to === null) return null;
  return (
    <Text size="sm" c="dimmed" data-testid={testId}>
      {label}{' '}
      <Anchor
        href={hashForRoute('campaigns', to)}
        onClick={(e) => {
          e.preventDefault();
          openCampaign(to);
        }}
      >
        {open}
      </Anchor>
    </Text>
  );
}

function contentText(c: CampaignView, templateLabel: (tempId: number) => string): string {
  if (c.content.mode === 'text') return c.content.body;
  const params = Object.entries(c.content.params).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${templateLabel(c.content.tempId)}${params ? ` · ${params}` : ''}`;
}

export function CampaignDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('campaigns');
  const detail = useCampaignsStore((s) => s.detail);
  const { pause, resume, cancel, retry, exportMessages, reloadDetail, duplicate } = useCampaignsStore.getState();
  const [busy, setBusy] = useState<Busy>(null);
  const [dialog, setDialog] = useState<'cancel' | 'unknown' | 'probablyLost' | 'move' | null>(null);
  const [actionError, setActionError] = useState<{ title: string; error: AppErrorShape } | null>(null);
  const number = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();
  const c = detail.id === id ? detail.campaign : null;

  const run = async <T,>(which: Busy, fn: () => Promise<Result<T>>, title = t('actions.failed')): Promise<Result<T>> => {
    setBusy(which);
    setActionError(null);
    const r = await fn();
    setBusy(null);
    if (!r.ok) setActionError({ title, error: r.error });
    return r;
  };
  const doRetry = async (choice: RetryChoice) => {
    const r = await run(choice === 'failed' ? 'retry' : 'unknown', () => retry(id, choice));
    setDialog(null);
    if (r.ok) openCampaign(r.value.id);
  };

  if (!c) {
    return (
      <Stack gap="md" data-testid="campaign-detail" data-status={detail.status}>
        <Anchor href={hashForRoute('campaigns')} onClick={(e) => (e.preventDefault(), openCampaign(null))} size="sm" data-testid="campaign-back">
          ← {t('detail.back')}
        </Anchor>
        {detail.status === 'error' && detail.error ? (
          <ErrorAlert title={t('detail.notFound')} error={detail.error} onRetry={() => void reloadDetail()} testId="campaign-error" />
        ) : (
          <Center p="xl">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}
      </Stack>
    );
  }

  const notHandedOver = c.counts.queued + c.counts.submitting;
  const retriable = c.counts.failed + c.counts.expired;
  const unknown = c.counts.unknown;
  const active = c.state === 'running' || c.state === 'paused' || c.state === 'preparing';
  const finalCount = FINAL_MESSAGE_STATES.reduce((n, s) => n + c.counts[s], 0);
  const handedOver = HANDED_OVER_STATES.reduce((n, s) => n + c.counts[s], 0);

  return (
    <Stack gap="md" data-testid="campaign-detail" data-status={detail.status} data-state={c.state} data-final={finalCount} data-handed-over={handedOver}>
      <Anchor href={hashForRoute('campaigns')} onClick={(e) => (e.preventDefault(), openCampaign(null))} size="sm" data-testid="campaign-back">
        ← {t('detail.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={2} data-testid="campaign-title">
            {/* A reply or a push test is a single message: titled by what it is, in the user's language. */}
            {singleKindLabel(t, c.kind) ?? c.name}
          </Title>
          <StateBadge state={c.state} waiting={c.waitingUntil !== null} />
        </Group>
        <Group gap="xs">
          {c.state === 'running' && (
            <Button variant="default" loading={busy === 'pause'} onClick={() => void run('pause', () => pause(id))} data-testid="campaign-pause">
              {t('actions.pause')}
            </Button>
          )}
          {c.state === 'paused' && (
            <Button loading={busy === 'resume'} onClick={() => void run('resume', () => resume(id))} data-testid="campaign-resume">
              {t('actions.resume')}
            </Button>
          )}
          {c.state === 'paused' && c.counts.queued > 0 && (
            <Button variant="default" onClick={() => setDialog('move')} data-testid="campaign-move">
              {t('actions.move')}
            </Button>
          )}
          {active && (
            <Button variant="light" color="red" onClick={() => setDialog('cancel')} data-testid="campaign-cancel">
              {t('actions.cancel')}
            </Button>
          )}
          {(retriable > 0 || unknown > 0) && (
            <Menu position="bottom-end" width={340}>
              <Menu.Target>
                <Button variant="default" loading={busy === 'retry' || busy === 'unknown'} data-testid="campaign-retry">
                  {t('actions.retry')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item disabled={retriable === 0} onClick={() => void doRetry('failed')} data-testid="campaign-retry-failed">
                  {t('actions.retryFailed', { count: retriable })}
                </Menu.Item>
                <Menu.Item color="orange" disabled={unknown === 0} onClick={() => setDialog('unknown')} data-testid="campaign-retry-unknown">
                  {t('actions.resendUnknown', { count: unknown })}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          <Button
            variant="default"
            loading={busy === 'duplicate'}
            onClick={() => void run('duplicate', () => duplicate(id)).then((r) => r.ok && openInCompose({ ...r.value, name: t('compose:drafts.copyName', { name: r.value.name }).slice(0, 100) }, null))}
            data-testid="campaign-duplicate"
          >
            {t('actions.duplicate')}
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" loading={busy === 'export'} data-testid="campaign-export">
                {t('actions.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void run('export', () => exportMessages(id, 'xlsx'), t('actions.exportFailed'))} data-testid="campaign-export-xlsx">
                {t('actions.exportXlsx')}
              </Menu.Item>
              <Menu.Item onClick={() => void run('export', () => exportMessages(id, 'csv'), t('actions.exportFailed'))} data-testid="campaign-export-csv">
                {t('actions.exportCsv')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {actionError && <ErrorAlert title={actionError.title} error={actionError.error} testId="campaign-action-error" />}
      {c.waitingUntil !== null && c.state === 'running' && (
        <Alert color="grape" variant="light" title={t('detail.waitingTitle')} data-testid="campaign-waiting">
          <Text size="sm">{t('detail.waiting', { time: dt.dateTime(c.waitingUntil) })}</Text>
        </Alert>
      )}
      {c.state === 'handed' && c.reportsUntil !== null && (
        <Alert color="cyan" variant="light" title={t('detail.handedTitle')} data-testid="campaign-handed">
          <Text size="sm">{t('detail.handed', { time: dt.dateTime(c.reportsUntil) })}</Text>
        </Alert>
      )}
      {c.lastError && <ErrorAlert title={t('detail.lastErrorTitle')} error={c.lastError} testId="campaign-last-error" />}
      {unknown > 0 && (
        <Alert color="yellow" variant="light" title={t('detail.unknownTitle')} data-testid="campaign-unknown">
          <Text size="sm">{t('detail.unknownText', { count: unknown })}</Text>
        </Alert>
      )}
      {c.probablyLost > 0 && (
        <Alert color="orange" variant="light" title={t('detail.probablyLostTitle', { count: c.probablyLost })} data-testid="campaign-probably-lost" data-count={c.probablyLost}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('detail.probablyLostText', { count: c.probablyLost })}</Text>
            <Button size="xs" color="orange" variant="light" loading={busy === 'unknown'} onClick={() => setDialog('probablyLost')} data-testid="campaign-send-lost-again">
              {t('actions.sendLostAgain', { count: c.probablyLost })}
            </Button>
          </Stack>
        </Alert>
      )}

      <Paper withBorder p="md">
        <Stack gap="md">
          <CampaignProgress counts={c.counts} total={c.total} state={c.state} />
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
            <Fact
              label={t('detail.account')}
              value={
                <Group gap={6} wrap="nowrap">
                  <span>{c.accountName}</span>
                  <KindBadge kind={c.provider} />
                </Group>
              }
            />
            <Fact label={t('detail.recipients')} value={number.format(c.total)} testId="campaign-total" />
            <Fact label={t('detail.segments')} value={number.format(c.totalSegments)} />
            <Fact label={t('detail.created')} value={dt.dateTime(c.createdAt)} />
            {c.handedAt !== null && <Fact label={t('detail.handedAt')} value={dt.dateTime(c.handedAt)} />}
            {c.finishedAt !== null && <Fact label={t('detail.finished')} value={dt.dateTime(c.finishedAt)} />}
            {c.quietHours && <Fact label={t('sections.quietHours', { ns: 'compose' })} value={t('detail.quietHours', { start: dt.timeOfDay(c.quietHours.start), end: dt.timeOfDay(c.quietHours.end) })} />}
          </SimpleGrid>
          <div>
            <Text size="xs" c="dimmed">
              {t('detail.content')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="campaign-content">
              {contentText(c, (tempId) => t('detail.template', { tempId }))}
            </Text>
          </div>
          <CampaignLink label={t('detail.movedFrom')} open={t('detail.openMovedFrom')} to={c.movedFrom ?? null} testId="campaign-moved-from" />
          {(c.movedTo ?? []).map((to) => (
            <CampaignLink key={to} label={t('detail.movedTo')} open={t('detail.openMovedTo')} to={to} testId="campaign-moved-to" />
          ))}
          {c.retryOf !== null && (
            <Text size="sm" c="dimmed">
              {t('detail.retryOf')}{' '}
              <Anchor
                href={hashForRoute('campaigns', c.retryOf)}
                onClick={(e) => {
                  e.preventDefault();
                  if (c.retryOf !== null) openCampaign(c.retryOf);
                }}
              >
                {t('detail.openRetryOf')}
              </Anchor>
            </Text>
          )}
        </Stack>
      </Paper>

      <CampaignReplies campaignId={id} />
      {c.provider === 'gsmbox' && <CampaignPortHistory id={id} />}

      <Title order={3} size="h4">
        {t('messages.title')}
      </Title>
      <MessagesTable key={id} />

      {dialog === 'cancel' && (
        <CancelCampaignModal
          count={notHandedOver}
          busy={busy === 'cancel'}
          onClose={() => setDialog(null)}
          onConfirm={() => void run('cancel', () => cancel(id)).then(() => setDialog(null))}
        />
      )}
      {dialog === 'move' && (
        <MoveCampaignModal
          campaign={c}
          onClose={() => setDialog(null)}
          onMoved={(moved) => {
            setDialog(null);
            openCampaign(moved.id);
          }}
        />
      )}
      {dialog === 'unknown' && <ResendUnknownModal count={unknown} busy={busy === 'unknown'} onClose={() => setDialog(null)} onConfirm={() => void doRetry('unknown')} />}
      {dialog === 'probablyLost' && (
        <ResendUnknownModal count={c.probablyLost} probablyLost busy={busy === 'unknown'} onClose={() => setDialog(null)} onConfirm={() => void doRetry('probablyLost')} />
      )}
    </Stack>
  );
}
