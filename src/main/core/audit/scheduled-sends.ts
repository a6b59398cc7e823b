import type Database from 'better-sqlite3';
import type { EventListener } from '../event-hub.ts';
import type { AuditLog } from './audit-log.ts';

/**
 * Campaigns a schedule fired are sends too: when a campaign is created and a schedule run names it,
 * the audit log gets `campaign.create` with source `schedule` (UI sends are recorded by auditedCampaigns).
 */
export function auditScheduledSends(db: Database.Database, audit: AuditLog, onError: (err: unknown) => void): EventListener {
  let find: Database.Statement<[string], { campaign: string; schedule: string; total: number }> | null = null;
  return (name, payload) => {
    if (name !== 'campaignsChanged') return;
    const e = payload as { reason: string; id: string };
    if (e.reason !== 'created') return;
    try {
      find ??= db.prepare(
        `SELECT c.name AS campaign, s.name AS schedule, c.total AS total FROM schedule_runs r
           JOIN schedules s ON s.id = r.schedule_id JOIN campaigns c ON c.id = r.campaign_id WHERE r.campaign_id = ?`,
      );
      const row = find.get(e.id);
      if (row) audit.record({ action: 'campaign.create', source: 'schedule', targetId: e.id, summary: `${row.campaign}: ${row.total} message(s), fired by schedule ${row.schedule}` });
    } catch (err) {
      onError(err);
    }
  };
}
