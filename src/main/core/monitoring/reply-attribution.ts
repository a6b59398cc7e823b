import type Database from 'better-sqlite3';

/**
 * Which campaign an inbound SMS answers (issue 19, part 3): the campaign of the newest message to
 * that number (E.164) that a provider took (`handed_at`) at or before the SMS arrived and at most the
 * reply window earlier, and that was not reported failed (the phone never got it). Any account:
 * the number is what ties them. One indexed look-up per SMS (`messages_e164`: that number's
 * messages only), run inside the transaction that stores it.
 *
 * Only campaigns count (`campaigns.kind = 'campaign'`), not single messages: a reply typed in the
 * inbox, an auto-reply, the GSM box push test.
 */
export function createReplyAttribution(db: Database.Database) {
  const newest = db.prepare<[string, number, number], { campaign_id: string }>(
    `SELECT m.campaign_id FROM messages m INDEXED BY messages_e164 JOIN campaigns c ON c.id = m.campaign_id
     WHERE m.e164 = ? AND m.handed_at BETWEEN ? AND ? AND m.state <> 'failed' AND c.kind = 'campaign'
     ORDER BY m.handed_at DESC, m.id DESC LIMIT 1`,
  );
  return {
    /** The campaign `number` (E.164) answers with an SMS received at `receivedAt`, or null. */
    campaignOf(number: string, receivedAt: number, windowMs: number): string | null {
      // A box stamps an SMS to the whole second: a reply in the second of the hand-over still counts.
      return newest.get(number, receivedAt - windowMs, receivedAt + 999)?.campaign_id ?? null;
    },
  };
}

export type ReplyAttribution = ReturnType<typeof createReplyAttribution>;
