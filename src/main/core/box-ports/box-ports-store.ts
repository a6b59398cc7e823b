import type Database from 'better-sqlite3';
import type { CampaignPortEvent, PortEventKind, PortOutFacts, PortOutReason, PortRotation } from '../../../shared/box-ports.ts';
import type { PortRecord } from './port-rotation.ts';

/**
 * SQLite for self-healing ports (migration 0013): one `box_ports` row per port of a box (written only
 * when its rotation or SIM changes), and the `campaign_events` history lines. Every statement here
 * touches a handful of rows by key.
 */

interface PortRow {
  port: number;
  name: string | null;
  rotation: PortRotation;
  reason: PortOutReason | null;
  facts: string | null;
  out_since: number | null;
  retry_at: number | null;
  trial_message_id: number | null;
  imsi: string | null;
  previous_imsi: string | null;
  imsi_changed_at: number | null;
}

export type PortLine = Omit<CampaignPortEvent, 'at' | 'kind'>;

export function createBoxPortsStore(db: Database.Database) {
  const s = {
    ports: db.prepare<[string], PortRow>(
      `SELECT port, name, rotation, reason, facts, out_since, retry_at, trial_message_id, imsi, previous_imsi, imsi_changed_at FROM box_ports WHERE account_id = ? ORDER BY port`,
    ),
    save: db.prepare<[string, number, string | null, string, string | null, string, number | null, number | null, number | null, string | null, string | null, number | null, number]>(
      `INSERT INTO box_ports (account_id, port, name, rotation, reason, facts, out_since, retry_at, trial_message_id, imsi, previous_imsi, imsi_changed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, port) DO UPDATE SET name = excluded.name, rotation = excluded.rotation, reason = excluded.reason, facts = excluded.facts,
         out_since = excluded.out_since, retry_at = excluded.retry_at, trial_message_id = excluded.trial_message_id, imsi = excluded.imsi,
         previous_imsi = excluded.previous_imsi, imsi_changed_at = excluded.imsi_changed_at, updated_at = excluded.updated_at`,
    ),
    accountExists: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM accounts WHERE id = ?`),
    running: db.prepare<[string], { id: string }>(`SELECT id FROM campaigns WHERE account_id = ? AND state = 'running'`),
    campaignOf: db.prepare<[number], { campaign_id: string; address: string }>(`SELECT campaign_id, address FROM messages WHERE id = ?`),
    portOf: db.prepare<[number], { port: number | null }>(`SELECT port FROM messages WHERE id = ?`),
    line: db.prepare<[string, number, string, string]>(`INSERT INTO campaign_events (campaign_id, at, kind, data) VALUES (?, ?, ?, ?)`),
    lines: db.prepare<[string, number], { at: number; kind: PortEventKind; data: string }>(
      `SELECT at, kind, data FROM (SELECT id, at, kind, data FROM campaign_events WHERE campaign_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
    ),
  };

  const addLines = db.transaction((campaignIds: readonly string[], at: number, kind: PortEventKind, data: string) => {
    for (const id of campaignIds) s.line.run(id, at, kind, data);
  });

  return {
    load(accountId: string): PortRecord[] {
      return s.ports.all(accountId).map((r) => ({
        port: r.port,
        name: r.name,
        rotation: r.rotation,
        reason: r.reason,
        facts: r.facts ? (JSON.parse(r.facts) as PortOutFacts) : {},
        outSince: r.out_since,
        retryAt: r.retry_at,
        trialMessageId: r.trial_message_id,
        imsi: r.imsi,
        previousImsi: r.previous_imsi,
        imsiChangedAt: r.imsi_changed_at,
      }));
    },
    /** Saves a port's record; nothing when the account was deleted meanwhile. */
    save(accountId: string, r: PortRecord, now: number): void {
      if (s.accountExists.get(accountId)!.n === 0) return;
      s.save.run(accountId, r.port, r.name, r.rotation, r.reason, JSON.stringify(r.facts), r.outSince, r.retryAt, r.trialMessageId, r.imsi, r.previousImsi, r.imsiChangedAt, now);
    },
    /** The account's campaigns that are sending now. */
    running(accountId: string): string[] {
      return s.running.all(accountId).map((r) => r.id);
    },
    /** The campaign and number of a message (a trial's), if it still exists. */
    messageOf(id: number): { campaignId: string; address: string } | undefined {
      const r = s.campaignOf.get(id);
      return r && { campaignId: r.campaign_id, address: r.address };
    },
    /** The port a message was handed to (null: none, or the message is gone). */
    portOf(id: number): number | null {
      return s.portOf.get(id)?.port ?? null;
    },
    /** One history line on each of the campaigns, in one transaction. */
    addLines(campaignIds: readonly string[], at: number, kind: PortEventKind, line: PortLine): void {
      addLines(campaignIds, at, kind, JSON.stringify(line));
    },
    /** The campaign's latest history lines (at most `limit`), oldest first. */
    lines(campaignId: string, limit = 200): CampaignPortEvent[] {
      return s.lines.all(campaignId, limit).map((r) => ({ at: r.at, kind: r.kind, ...(JSON.parse(r.data) as PortLine) }));
    },
  };
}

export type BoxPortsStore = ReturnType<typeof createBoxPortsStore>;
