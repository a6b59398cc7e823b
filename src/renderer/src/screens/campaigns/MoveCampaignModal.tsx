/**
 * Account failover, confirmed by the user (issue 19 part 5): the paused campaign's unsent rest moves to
 * another account that can send the same content. The user picks the account, sees the same summary as
 * Compose (recipients, segments, cost against that account's balance), and only then does it move.
 */
import { Alert, Anchor, Center, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview, CampaignView, MoveTarget } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { ReviewSummary } from '../compose/ReviewSummary.tsx';

interface MoveCampaignModalProps {
  campaign: CampaignView;
  onClose: () => void;
  /** The new campaign, sending. */
  onMoved: (moved: CampaignView) => void;
}

export function MoveCampaignModal({ campaign, onClose, onMoved }: MoveCampaignModalProps) {
  const { t, i18n } = useTranslation('campaigns');
  const number = new Intl.NumberFormat(i18n.language);
  const [targets, setTargets] = useState<MoveTarget[] | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<{ title: string; error: AppErrorShape } | null>(null);

  useEffect(() => {
    void useCampaignsStore
      .getState()
      .moveTargets(campaign.id)
      .then((r) => {
        if (r.ok) setTargets(r.value);
        else setError({ title: t('moveModal.loadFailed'), error: r.error });
      });
  }, [campaign.id, t]);

  const choose = async (id: string | null) => {
    setAccountId(id);
    setPreview(null);
    setError(null);
    if (id === null) return;
    setLoading(true);
    const r = await useCampaignsStore.getState().movePreview(campaign.id, id);
    setLoading(false);
    if (r.ok) setPreview(r.value);
    else setError({ title: t('moveModal.previewFailed'), error: r.error });
  };

  const move = async () => {
    if (accountId === null) return;
    setMoving(true);
    setError(null);
    const r = await useCampaignsStore.getState().move(campaign.id, accountId);
    setMoving(false);
    if (r.ok) onMoved(r.value);
    else setError({ title: t('moveModal.failed'), error: r.error });
  };

  const handedOver = campaign.total - campaign.counts.queued - campaign.counts.cancelled;
  return (
    <Modal opened onClose={onClose} title={t('moveModal.title')} size="lg" data-testid="campaign-move-dialog">
      <Stack gap="md">
        <Text size="sm" data-testid="campaign-move-intro" data-count={handedOver}>
          {t('moveModal.intro', { count: handedOver, formatted: number.format(handedOver) })}
        </Text>
        {targets === null && !error && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}
        {targets !== null && targets.length === 0 && (
          <Alert color="yellow" variant="light" data-testid="campaign-move-none">
            <Text size="sm">
              {t(campaign.content.mode === 'template' ? 'moveModal.noTargetsTemplate' : 'moveModal.noTargetsText')}{' '}
              <Anchor href={hashForRoute('accounts')} size="sm">
                {t('moveModal.addAccount')}
              </Anchor>
            </Text>
          </Alert>
        )}
        {targets !== null && targets.length > 0 && (
          <Select
            label={t('moveModal.account')}
            placeholder={t('moveModal.accountPlaceholder')}
            data={targets.map((a) => ({ value: a.accountId, label: t('moveModal.accountOption', { name: a.name, kind: t(`accounts:kinds.${a.kind}`) }) }))}
            value={accountId}
            onChange={(v) => void choose(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-testid="campaign-move-account"
          />
        )}
        {error && <ErrorAlert title={error.title} error={error.error} testId="campaign-move-error" />}
        {loading && (
          <Center p="md">
            <Loader size="sm" aria-label={t('common:loading')} />
          </Center>
        )}
        {preview && (
          <ReviewSummary
            preview={preview}
            current
            sending={moving}
            onSend={() => void move()}
            sendLabel={t('moveModal.send', { count: preview.recipients, formatted: number.format(preview.recipients) })}
            hint={t('moveModal.hint')}
          />
        )}
      </Stack>
    </Modal>
  );
}
