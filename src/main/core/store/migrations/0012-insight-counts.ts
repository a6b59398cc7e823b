import type { Migration } from './types.ts';

/**
 * Insight (issue 19): delivery rate, volume and spend per account, SIM port, day and hour, and each
 * campaign's outcomes, read from counts kept beside the ledger (store/insight-counts.ts, written by
 * store/transitions.ts in the transaction that changes a message's state) — never by scanning messages.
 *
 * - send_counts: per quarter hour of the SEND (handed_at; a message refused before hand-over: the
 *   refusal's time) × account × box port (-1: a provider without ports): messages handed over and their
 *   segments (spend), then what became of them — delivered, failed, expired — counted in the quarter
 *   hour they were sent, so "the messages sent at 9 o'clock" have a delivery rate; `refused`: failed
 *   without ever being handed over. (daily_counts, the dashboard's, counts each event when it happens.)
 * - campaign_outcomes: per campaign, kind and key: ('handed', '') messages handed over and their
 *   segments; ('failed', error code or '') failures by reason; ('delivered', seconds) deliveries by the
 *   time from hand-over to the delivery report, in bins (exact seconds under a minute, minutes under an
 *   hour, ten minutes under a day, then hours) from which the median is read.
 *
 * The SELECTs below say what the counts are, from the messages as they stand; the migration fills the
 * tables with them (one pass over messages at upgrade), and the kept-count checks of the tests compare
 * the kept rows against them.
 */

/** The states a message has been handed to its provider in (with handed_at set). */
const HANDED = `('submitted','sent','delivered','failed','expired')`;

/** send_counts as the messages say. */
export const SEND_COUNTS_FROM_MESSAGES = `
  SELECT coalesce(handed_at, updated_at) / 900000 AS bucket, account_id, coalesce(port, -1) AS port,
         sum(handed_at IS NOT NULL) AS handed,
         sum(CASE WHEN handed_at IS NOT NULL THEN segments ELSE 0 END) AS segments,
         sum(state = 'delivered') AS delivered,
         sum(state = 'failed' AND handed_at IS NOT NULL) AS failed,
         sum(state = 'expired') AS expired,
         sum(state = 'failed' AND handed_at IS NULL) AS refused
  FROM messages WHERE state IN ${HANDED}
  GROUP BY 1, 2, 3`;

/** The delivery-time bin (seconds) of a delivered message, as store/insight-counts.ts `deliveryBin` computes it. */
const BIN = `CASE WHEN s < 60 THEN s WHEN s < 3600 THEN s / 60 * 60 WHEN s < 86400 THEN s / 600 * 600 ELSE s / 3600 * 3600 END`;

/** campaign_outcomes as the messages say (a delivered message's report time is its updated_at: final states never change). */
export const CAMPAIGN_OUTCOMES_FROM_MESSAGES = `
  SELECT campaign_id, 'handed' AS kind, '' AS key, count(*) AS n, sum(segments) AS segments
    FROM messages WHERE handed_at IS NOT NULL AND state IN ${HANDED} GROUP BY campaign_id
  UNION ALL
  SELECT campaign_id, 'failed', coalesce(error_code, ''), count(*), sum(segments)
    FROM messages WHERE state = 'failed' GROUP BY campaign_id, coalesce(error_code, '')
  UNION ALL
  SELECT campaign_id, 'delivered', CAST(${BIN} AS TEXT), count(*), sum(segments)
    FROM (SELECT campaign_id, segments, max(0, (updated_at - handed_at) / 1000) AS s FROM messages WHERE state = 'delivered' AND handed_at IS NOT NULL)
    GROUP BY campaign_id, 3`;

export const m0012InsightCounts: Migration = {
  version: 12,
  name: 'insight: sends and outcomes per quarter hour, account and port; outcomes per campaign',
  up: `
    CREATE TABLE send_counts (
      bucket      INTEGER NOT NULL,
      account_id  TEXT NOT NULL,
      port        INTEGER NOT NULL,
      handed      INTEGER NOT NULL DEFAULT 0,
      segments    INTEGER NOT NULL DEFAULT 0,
      delivered   INTEGER NOT NULL DEFAULT 0,
      failed      INTEGER NOT NULL DEFAULT 0,
      expired     INTEGER NOT NULL DEFAULT 0,
      refused     INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (bucket, account_id, port)
    ) WITHOUT ROWID;
    INSERT INTO send_counts (bucket, account_id, port, handed, segments, delivered, failed, expired, refused) ${SEND_COUNTS_FROM_MESSAGES};

    CREATE TABLE campaign_outcomes (
      campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      kind        TEXT NOT NULL CHECK (kind IN ('handed','failed','delivered')),
      key         TEXT NOT NULL,
      n           INTEGER NOT NULL,
      segments    INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, kind, key)
    ) WITHOUT ROWID;
    INSERT INTO campaign_outcomes (campaign_id, kind, key, n, segments) ${CAMPAIGN_OUTCOMES_FROM_MESSAGES};
  `,
};
