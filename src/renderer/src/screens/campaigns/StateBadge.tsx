/** A campaign's state as a badge (running campaigns waiting for quiet hours say so). */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignState } from '../../../../shared/campaigns.ts';
import { CAMPAIGN_STATE_COLORS } from './CampaignProgress.tsx';

export function StateBadge({ state, waiting }: { state: CampaignState; waiting: boolean }) {
  const { t } = useTranslation('campaigns');
  const label = state === 'running' && waiting ? t('states.waiting') : t(`states.${state}`);
  return (
    <Badge color={state === 'running' && waiting ? 'grape' : CAMPAIGN_STATE_COLORS[state]} variant="light" data-testid="campaign-state" data-state={state} style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}
