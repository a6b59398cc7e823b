import type Database from 'better-sqlite3';
import { BOX_SEND_FAILED } from '../monitoring/report-ingest.ts';

/**
 * Per-port send figures of one box, read by the read worker (they grow with the messages): of the
 * messages handed to each port since `since`, how many reached the network (sent, delivered, expired,
 * or a delivery report saying the handset did not take it — the SIM did its part) and how many the box
 * could not send (GSMBOX_SEND_FAILED); and how many were handed to it since `dayStart` (today). One
 * index range per port (messages_port_day), never the account's whole history.
 */

export interface PortStatsQuery {
  accountId: string;
  ports: number[];
  since: number;
  dayStart: number;
}

export interface PortStats {
  port: number;
  sent: number;
  failed: number;
  sentToday: number;
}

export function boxPortStats(db: Database.Database, q: PortStatsQuery): PortStats[] {
  const stmt = db.prepare<[number, string, number, number], { sent: number | null; failed: number | null; today: number | null }>(
    `SELECT sum(CASE WHEN state IN ('sent','delivered','expired') OR (state = 'failed' AND coalesce(error_code, '') <> '${BOX_SEND_FAILED}') THEN 1 ELSE 0 END) AS sent,
            sum(CASE WHEN state = 'failed' AND error_code = '${BOX_SEND_FAILED}' THEN 1 ELSE 0 END) AS failed,
            sum(CASE WHEN handed_at >= ? THEN 1 ELSE 0 END) AS today
     FROM messages WHERE account_id = ? AND port = ? AND handed_at >= ?`,
  );
  const from = Math.min(q.since, q.dayStart);
  return q.ports.map((port) => {
    const r = stmt.get(q.dayStart, q.accountId, port, from);
    return { port, sent: r?.sent ?? 0, failed: r?.failed ?? 0, sentToday: r?.today ?? 0 };
  });
}
