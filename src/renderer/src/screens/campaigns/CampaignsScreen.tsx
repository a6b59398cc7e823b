/** Campaigns: the list with live progress, and one campaign's detail at `#/campaigns/<id>`. */
import { Button, Stack, Tabs } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectCampaignsUpdates, useCampaignsStore } from '../../stores/campaigns.ts';
import { useRouteStore } from '../../stores/route.ts';
import { useCampaignParam } from './campaign-route.ts';
import { CampaignDetail } from './CampaignDetail.tsx';
import { CampaignsList } from './CampaignsList.tsx';
import { DraftsList } from './DraftsList.tsx';
import { connectDraftsUpdates, useDraftsStore } from '../../stores/drafts.ts';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

export function CampaignsScreen() {
  const { t } = useTranslation('campaigns');
  const id = useCampaignParam();
  const navigate = useRouteStore((s) => s.navigate);
  const draftCount = useDraftsStore((s) => s.drafts.length);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let stopDrafts: (() => void) | undefined;
    try {
      stop = connectCampaignsUpdates();
      stopDrafts = connectDraftsUpdates();
    } catch {
      // No bridge: the load below records the error to show.
    }
    void useCampaignsStore.getState().load();
    void useDraftsStore.getState().load();
    return () => {
      stop?.();
      stopDrafts?.();
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
      <Tabs defaultValue="campaigns" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="campaigns" data-testid="campaigns-tab-campaigns">
            {t('tabs.campaigns')}
          </Tabs.Tab>
          <Tabs.Tab value="drafts" data-testid="campaigns-tab-drafts">
            {t('tabs.drafts', { count: draftCount })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="campaigns" pt="md">
          <CampaignsList />
        </Tabs.Panel>
        <Tabs.Panel value="drafts" pt="md">
          <DraftsList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
