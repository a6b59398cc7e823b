import type { CampaignService } from '../campaigns/campaign-service.ts';
import type { createTestSend } from '../campaigns/test-send.ts';
import type { CampaignMove } from '../campaigns/campaign-move.ts';
import type { AuditLog } from './audit-log.ts';

/**
 * The campaign service as the UI uses it, with every user action (create, pause, resume, cancel, retry)
 * written to the audit log after it succeeded. The service itself stays unaware of auditing.
 */
export function auditedCampaigns(service: CampaignService, audit: AuditLog): CampaignService {
  const stateOf = (id: string) => {
    try {
      return service.get(id).state;
    } catch {
      return null;
    }
  };
  const control =
    (action: 'campaign.pause' | 'campaign.resume' | 'campaign.cancel', run: (id: string) => Promise<ReturnType<CampaignService['get']>>) =>
    async (id: string) => {
      const before = stateOf(id);
      const view = await run(id);
      audit.record({ action, targetId: id, summary: `${view.name}: was ${before ?? 'unknown'}, now ${view.state}` });
      return view;
    };
  return {
    ...service,
    async create(draft, retryOf = null) {
      const view = await service.create(draft, retryOf);
      audit.record({ action: 'campaign.create', targetId: view.id, summary: `${view.name}: ${view.total} message(s) via ${view.accountName}` });
      return view;
    },
    pause: control('campaign.pause', (id) => service.pause(id)),
    resume: control('campaign.resume', (id) => service.resume(id)),
    cancel: control('campaign.cancel', (id) => service.cancel(id)),
    async retry(id, states, name, probablyLostOnly) {
      const view = await service.retry(id, states, name, probablyLostOnly);
      audit.record({ action: 'campaign.retry', targetId: view.id, summary: `${view.name}: ${view.total} message(s) (${states.join(', ')}) from campaign ${id}` });
      return view;
    },
  };
}

/** A test send, audited as one: what was sent, through which account, to which number. */
export function auditedTestSend(send: ReturnType<typeof createTestSend>, audit: AuditLog): ReturnType<typeof createTestSend> {
  return async (draft, number) => {
    const out = await send(draft, number);
    audit.record({ action: 'campaign.test', targetId: out.campaign.id, summary: `${out.campaign.name}: a test to ${out.address} via ${out.campaign.accountName}` });
    return out;
  };
}

/** Moving a campaign's unsent rest to another account, written to the audit log after it succeeded. */
export function auditedMove(move: CampaignMove, audit: AuditLog): CampaignMove {
  return {
    ...move,
    async move(id, accountId) {
      const view = await move.move(id, accountId);
      audit.record({ action: 'campaign.move', targetId: view.id, summary: `${view.name}: ${view.total} message(s) moved from campaign ${id} to ${view.accountName}` });
      return view;
    },
  };
}
