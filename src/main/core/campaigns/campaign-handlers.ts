import type { Handlers } from '../../../shared/api.ts';
import type { campaignMethods } from '../../../shared/contract/campaigns.ts';
import type { CampaignService } from './campaign-service.ts';
import type { CampaignMove } from './campaign-move.ts';
import type { Reads } from '../store/reads.ts';
import { withTemplateTexts } from './jsms-template-cache.ts';
import { unknownTemplates } from './sent-text.ts';

export type CampaignHandlers = Pick<Handlers, keyof typeof campaignMethods>;

/** Contract handlers for campaigns: thin, the logic lives in campaign-service.ts and dispatch/. */
export function createCampaignHandlers(service: CampaignService, move: CampaignMove, reads: Reads): CampaignHandlers {
  return {
    campaignPreview: (draft) => service.preview(draft),
    campaignCreate: ({ confirmed: _confirmed, ...draft }) => service.create(draft),
    campaignsList: () => service.list(),
    campaignGet: ({ id }) => service.get(id),
    campaignMessages: (input) => {
      service.requireCampaign(input.id);
      return withTemplateTexts(
        service.templates,
        () => reads.page('campaignMessages', input),
        (page) => unknownTemplates(page.rows.map((r) => r.template)),
      );
    },
    messageHistory: ({ messageId }) => service.history(messageId),
    campaignPause: ({ id }) => service.pause(id),
    campaignResume: ({ id }) => service.resume(id),
    campaignCancel: ({ id }) => service.cancel(id),
    campaignRetry: ({ id, states, name, probablyLostOnly }) => service.retry(id, states, name, probablyLostOnly),
    campaignExport: async ({ id, format }) => {
      // A template campaign's file says what its messages said: its template's text is read first.
      const c = service.requireCampaign(id);
      if (c.content.mode === 'template') await service.templates.ensure([{ accountId: c.accountId, tempId: c.content.tempId }]);
      return reads.file('exportCampaign', { id, format, ...service.exportInfo(id) });
    },
    campaignMoveTargets: ({ id }) => move.targets(id),
    campaignMovePreview: ({ id, accountId }) => move.preview(id, accountId),
    campaignMove: ({ id, accountId }) => move.move(id, accountId),
  };
}
