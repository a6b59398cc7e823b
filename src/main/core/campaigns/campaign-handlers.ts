import type { Handlers } from '../../../shared/api.ts';
import type { campaignMethods } from '../../../shared/contract/campaigns.ts';
import type { CampaignService } from './campaign-service.ts';
import type { CampaignMove } from './campaign-move.ts';
import type { Reads } from '../store/reads.ts';
import type { EmitEvent } from '../../../shared/api.ts';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import { formOfCampaign, type Drafts } from './drafts.ts';
import type { createTestSend } from './test-send.ts';
import { withTemplateTexts } from './jsms-template-cache.ts';
import { unknownTemplates } from './sent-text.ts';
import type { CampaignPortEvent } from '../../../shared/box-ports.ts';

export type CampaignHandlers = Pick<Handlers, keyof typeof campaignMethods>;

export interface CampaignHandlerDeps {
  service: CampaignService;
  move: CampaignMove;
  reads: Reads;
  drafts: Drafts;
  sendTest: ReturnType<typeof createTestSend>;
  emit: EmitEvent;
  /** The campaign's own history lines (its box's ports: box-ports/port-watch.ts). */
  history: { lines(campaignId: string): CampaignPortEvent[] };
}

/** Contract handlers for campaigns and drafts: thin, the logic lives in campaign-service.ts, campaign-move.ts, drafts.ts, test-send.ts and dispatch/. */
export function createCampaignHandlers({ service, move, reads, drafts, sendTest, emit, history }: CampaignHandlerDeps): CampaignHandlers {
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
    campaignHistory: ({ id }) => {
      service.requireCampaign(id);
      return history.lines(id);
    },
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
    campaignTest: ({ draft, number }) => sendTest(draft, number),
    campaignDuplicate: ({ id }) => {
      const c = service.requireCampaign(id);
      return formOfCampaign(c, service.source(id) as Partial<CampaignDraft> | undefined, c.name);
    },
    draftsList: () => drafts.list(),
    draftGet: ({ id }) => drafts.get(id),
    draftSave: ({ id, form }) => {
      const view = drafts.save(id, form);
      emit('draftsChanged', { reason: 'saved', id: view.id });
      return view;
    },
    draftDelete: ({ id }) => {
      const out = drafts.remove(id);
      emit('draftsChanged', { reason: 'deleted', id });
      return out;
    },
  };
}
