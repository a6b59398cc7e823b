/**
 * Settings → Receiver: the address and port providers push to, whether it is listening, the exact push
 * URL per provider account (with copy buttons), a new token, and the GSM box push setup.
 */
import { Badge, Button, CopyButton, Group, Modal, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Truncate } from '../../components/Truncate.tsx';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { PushSource, ReceiverStatus } from '../../../../shared/monitoring.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useAccountsStore } from '../../stores/accounts.ts';
import { connectReceiverUpdates, useReceiverStore } from '../../stores/receiver.ts';
import { BoxPushWizard } from './BoxPushWizard.tsx';
import { useDateTime } from '../../format/date-time.ts';

const STATE_COLOR: Record<ReceiverStatus['state'], string> = { listening: 'teal', starting: 'blue', stopped: 'gray', error: 'red' };

function hostOptions(status: ReceiverStatus, t: TFunction<['receiver', 'accounts']>) {
  const options = status.interfaces
    .filter((i) => !i.internal)
    .map((i) => ({ value: i.address, label: t('form.interface', { name: i.name, address: i.cidr ?? i.address, reach: t(`reach.${i.reachability}`) }) }));
  options.push({ value: '0.0.0.0', label: t('form.all') }, { value: '127.0.0.1', label: t('form.loopback') });
  if (!options.some((o) => o.value === status.host)) options.unshift({ value: status.host, label: status.host });
  return options;
}

export function ReceiverPanel() {
  const { t, i18n } = useTranslation(['receiver', 'accounts']);
  const status = useReceiverStore((s) => s.status);
  const loadStatus = useReceiverStore((s) => s.loadStatus);
  const loadError = useReceiverStore((s) => s.error);
  const { load, configure, rotateToken } = useReceiverStore.getState();
  const boxes = useAccountsStore((s) => s.accounts).filter((a) => a.kind === 'gsmbox');
  const [host, setHost] = useState<string | null>(null);
  const [port, setPort] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [wizard, setWizard] = useState<{ id: string; name: string } | null>(null);
  const dt = useDateTime();
  const n = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    let stop: (() => void) | undefined;
    try {
      stop = connectReceiverUpdates();
    } catch {
      // No bridge: the load below records the error.
    }
    void useReceiverStore.getState().load();
    if (useAccountsStore.getState().status === 'idle') void useAccountsStore.getState().load();
    return () => stop?.();
  }, []);

  useEffect(() => {
    if (status) {
      setHost((h) => h ?? status.host);
      setPort((p) => (p === '' ? status.port : p));
    }
  }, [status]);

  const act = async (fn: () => Promise<{ ok: boolean; error?: AppErrorShape }>) => {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    setError(r.ok ? null : (r.error ?? null));
  };
  const changed = status !== null && (host !== status.host || Number(port) !== status.port);

  return (
    <Paper withBorder p="lg" data-testid="receiver-panel" data-state={status?.state ?? loadStatus}>
      <Stack gap="md">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">
              {t('title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('intro')}
            </Text>
          </div>
          {status && (
            <Badge color={STATE_COLOR[status.state]} variant="light" size="lg" data-testid="receiver-state" data-state={status.state}>
              {status.state === 'listening' ? t('state.listening', { port: status.boundPort ?? status.port }) : t(`state.${status.state}`)}
            </Badge>
          )}
        </Group>
        {loadStatus === 'error' && loadError && <ErrorAlert title={t('loadFailed')} error={loadError} onRetry={() => void load()} testId="receiver-error" />}
        {status?.error && <ErrorAlert title={t('bindFailed')} error={status.error} testId="receiver-bind-error" />}
        {error && <ErrorAlert title={t('saveFailed')} error={error} testId="receiver-save-error" />}
        {status && (
          <>
            <Group align="flex-end" gap="sm">
              <Select label={t('form.host')} description={t('form.hostHint')} data={hostOptions(status, t)} value={host} onChange={setHost} allowDeselect={false} w={340} data-testid="receiver-host" />
              <NumberInput label={t('form.port')} value={port} onChange={setPort} min={1} max={65535} allowDecimal={false} w={120} data-testid="receiver-port" />
              <Button disabled={!changed || host === null || port === ''} loading={busy} onClick={() => void act(() => configure(host ?? status.host, Number(port)))} data-testid="receiver-apply">
                {t('form.apply')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" data-testid="receiver-counters">
              {t('counters', { accepted: n.format(status.accepted), refused: n.format(status.refused) })}
              {(Object.keys(status.lastPushAt) as PushSource[])
                .filter((s) => status.lastPushAt[s] !== null)
                .map((s) => ` · ${t('lastPush', { source: t(`sources.${s}`), time: dt.dateTime(status.lastPushAt[s]!, { seconds: true }) })}`)
                .join('')}
            </Text>
            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('urls.title')}
              </Text>
              {status.urls.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('urls.empty')}
                </Text>
              ) : (
                // Fixed layout: the URL column takes what is left and cuts the URL, instead of widening the table.
                <Table verticalSpacing={6} layout="fixed" aria-label={t('urls.title')}>
                  <Table.Tbody>
                    {status.urls.map((u) => (
                      <Table.Tr key={u.accountId} data-testid="receiver-url" data-account={u.accountId} data-provider={u.provider}>
                        <Table.Td style={{ width: 160 }}>
                          <Truncate size="sm" fw={500} maw={150}>
                            {u.accountName}
                          </Truncate>
                          <Text size="xs" c="dimmed">
                            {t(`accounts:kinds.${u.provider}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" align="flex-start">
                            <Truncate ff="monospace" size="xs" bg="var(--mantine-color-default-hover)" px={8} py={4} style={{ flex: 1, minWidth: 0, borderRadius: 4 }} data-testid="receiver-url-text">
                              {u.url}
                            </Truncate>
                            <CopyButton value={u.url} timeout={1500}>
                              {({ copied, copy }) => (
                                <Button size="compact-xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy} aria-label={t('urls.copyNamed', { name: u.accountName })} data-testid="receiver-url-copy">
                                  {copied ? t('urls.copied') : t('urls.copy')}
                                </Button>
                              )}
                            </CopyButton>
                          </Group>
                          {u.warning && (
                            <Text size="xs" c="orange" mt={2}>
                              {sentenceText(i18n, u.warning)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ width: 130 }}>
                          {u.provider === 'gsmbox' && (
                            <Button size="compact-sm" variant="light" onClick={() => setWizard({ id: u.accountId, name: u.accountName })} data-testid="receiver-box-setup">
                              {t('urls.setup')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {boxes
                .filter((b) => !status.urls.some((u) => u.accountId === b.id))
                .map((b) => (
                  <Button key={b.id} mt="xs" size="compact-sm" variant="light" onClick={() => setWizard({ id: b.id, name: b.name })} data-testid="receiver-box-setup">
                    {t('urls.setupNamed', { name: b.name })}
                  </Button>
                ))}
            </div>
            <Group>
              <Button variant="default" color="red" onClick={() => setConfirmRotate(true)} data-testid="receiver-rotate">
                {t('rotate.button')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <Modal opened={confirmRotate} onClose={() => setConfirmRotate(false)} title={t('rotate.title')}>
        <Text size="sm">{t('rotate.body')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmRotate(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            loading={busy}
            onClick={() =>
              void act(async () => {
                const r = await rotateToken();
                setConfirmRotate(false);
                return r;
              })
            }
            data-testid="receiver-rotate-confirm"
          >
            {t('rotate.confirm')}
          </Button>
        </Group>
      </Modal>
      <BoxPushWizard accountId={wizard?.id ?? null} name={wizard?.name ?? ''} onClose={() => setWizard(null)} />
    </Paper>
  );
}
