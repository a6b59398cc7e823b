import type { PauseAllResult, SendingStatus } from '../../../shared/desktop.ts';
import type { CampaignService } from './campaign-service.ts';

/**
 * "Pause all sending" (tray and Settings) on top of the campaign service's per-campaign pause/resume:
 * campaigns and single messages (a reply, a box test) alike — everything that sends.
 * Resume-all resumes the campaigns pause-all paused; after a restart (when that set is forgotten) it
 * resumes every paused campaign the dispatcher did not hold for an error.
 */
export function createPauseAll(service: CampaignService) {
  let pausedByAll = new Set<string>();

  const status = (): SendingStatus => {
    const all = service.listAll();
    for (const id of pausedByAll) if (all.find((c) => c.id === id)?.state !== 'paused') pausedByAll.delete(id);
    return {
      running: all.filter((c) => c.state === 'running').length,
      paused: all.filter((c) => c.state === 'paused').length,
      pausedAll: pausedByAll.size > 0,
    };
  };

  return {
    status,
    async pauseAll(): Promise<PauseAllResult> {
      const ids = service.listAll().filter((c) => c.state === 'running').map((c) => c.id);
      for (const id of ids) {
        await service.pause(id);
        pausedByAll.add(id);
      }
      return { ids, status: status() };
    },
    async resumeAll(): Promise<PauseAllResult> {
      const paused = service.listAll().filter((c) => c.state === 'paused');
      const chosen = pausedByAll.size > 0 ? paused.filter((c) => pausedByAll.has(c.id)) : paused.filter((c) => c.lastError === null);
      for (const c of chosen) await service.resume(c.id);
      pausedByAll = new Set();
      return { ids: chosen.map((c) => c.id), status: status() };
    },
  };
}

export type PauseAll = ReturnType<typeof createPauseAll>;
