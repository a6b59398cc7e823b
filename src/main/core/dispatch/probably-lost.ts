import type Database from 'better-sqlite3';

/**
 * "Probably never received" (issue 16, item 9c): an EIMS or JSMS request whose reply was lost leaves its
 * messages `unknown` — they may or may not have reached the platform. When reports keep coming for
 * messages sent in later requests of the same account, but none for these `afterMs` after their
 * request, the platform most likely never got them. They are marked so (still `unknown`, with the code
 * PROBABLY_NOT_RECEIVED and a history line), and the user may choose to send them again — never the
 * app on its own. One look at a request at a time: each is a few small indexed reads and one update.
 */
export const PROBABLY_NOT_RECEIVED = 'PROBABLY_NOT_RECEIVED';
const SENTENCE = 'No report came for this number, while reports came for messages sent after it: the platform probably never received it. Send it again if you want it delivered.';
/** Later requests looked at for a report (each holds up to a batch of messages). */
const LATER = 5;

export function createProbablyLost(db: Database.Database) {
  const candidates = db.prepare<[number], { id: number; account_id: string }>(
    `SELECT DISTINCT s.id, s.account_id FROM messages m JOIN submissions s ON s.id = m.submission_id JOIN accounts a ON a.id = s.account_id
     WHERE m.state = 'unknown' AND (m.error_code IS NULL OR m.error_code <> '${PROBABLY_NOT_RECEIVED}') AND a.kind IN ('eims', 'jsms')
       AND s.requested_at IS NOT NULL AND s.requested_at < ? LIMIT 200`,
  );
  const laterReported = db.prepare<[string, number, string], number>(
    `SELECT count(*) FROM messages m WHERE m.submission_id IN (SELECT id FROM submissions WHERE account_id = ? AND id > ? AND outcome = 'answered' ORDER BY id LIMIT ${LATER})
       AND m.state IN ('sent', 'delivered', 'failed', 'expired') AND m.account_id = ?`,
  ).pluck();
  const mark = db.prepare<[string, string, number, number], { id: number; campaign_id: string }>(
    `UPDATE messages SET error_code = ?, error_message = ?, updated_at = ? WHERE submission_id = ? AND state = 'unknown' RETURNING id, campaign_id`,
  );
  const events = db.prepare<[number, string, string]>(
    `INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, 'unknown', 'app', ? FROM json_each(?)`,
  );

  return {
    /**
     * Marks the unknown messages of requests made before `now - afterMs` whose later requests got
     * reports. Returns the campaigns that changed.
     */
    mark(now: number, afterMs: number): Set<string> {
      const changed = new Set<string>();
      for (const s of candidates.all(now - afterMs)) {
        if ((laterReported.get(s.account_id, s.id, s.account_id) ?? 0) === 0) continue;
        db.transaction(() => {
          const rows = mark.all(PROBABLY_NOT_RECEIVED, SENTENCE, now, s.id);
          events.run(now, SENTENCE, JSON.stringify(rows.map((r) => r.id)));
          for (const r of rows) changed.add(r.campaign_id);
        })();
      }
      return changed;
    },
  };
}
