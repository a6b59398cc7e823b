/** Campaigns: the list with live progress, and one campaign's detail at `#/campaigns/<id>`. */
import { Button, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectCampaignsUpdates, useCampaignsStore } from '../../stores/campaigns.ts';
import { useRouteStore } from '../../stores/route.ts';
import { useCampaignParam } from './campaign-route.ts';
import { CampaignDetail } from './CampaignDetail.tsx';
import { CampaignsList } from './CampaignsList.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

export function CampaignsScreen() {
  const { t } = useTranslation('campaigns');
  const id = useCampaignParam();
  const navigate = useRouteStore((s) => s.navigate);

  useEffect(() => {
    let stop: (() => void) | undefined;
    try {
      stop = connectCampaignsUpdates();
    } catch {
      // No bridge: the load below records the error to show.
    }
    void useCampaignsStore.getState().load();
    return () => {
      stop?.();
      // Events stop with the screen: coming back must read the campaign afresh, not show a stale cache.
      void useCampaignsStore.getState().open(null);
    };
  }, []);

  useEffect(() => {
    void useCampaignsStore.getState().open(id);
  }, [id]);

  if (id !== null) {
    return (
      <div data-testid="screen-campaigns">
        <CampaignDetail key={id} id={id} />
      </div>
    );
  }

  return (
    <Stack gap="md" data-testid="screen-campaigns">
      <ScreenHeader title={t('title')} intro={t('intro')}>
        <Button onClick={() => navigate('compose')} data-testid="campaigns-new">
          {t('newCampaign')}
        </Button>
      </ScreenHeader>
      <CampaignsList />
    </Stack>
  );
}
