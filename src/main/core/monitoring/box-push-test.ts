import type { BoxPushTestResult } from '../../../shared/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext } from '../context.ts';
import type { Monitoring } from './create-monitoring.ts';

/** Sends one SMS through the box and waits for a pushed result about it. */
export async function sendBoxPushTest(
  ctx: CoreContext,
  m: Monitoring,
  input: { accountId: string; number: string; text: string; waitSeconds: number },
): Promise<BoxPushTestResult> {
  const account = m.accountOf(input.accountId);
  if (!account || account.kind !== 'gsmbox') throw new AppError('ACCOUNT_NOT_FOUND', 'That GSM box account does not exist any more. Pick another account.');
  // A single message (kind `test`), not a campaign: the campaign list and the dashboard leave it out.
  const notSent = new AppError('BOX_TEST_NOT_SENT', 'The test SMS was not queued: the number is opted out or not valid. Enter another number.');
  const draft = { name: 'Box push test', accountId: account.id, content: { mode: 'text' as const, body: input.text }, recipients: { listIds: [], pasted: input.number }, quietHours: null };
  const view = await m.campaigns.sendSingle(draft, 'test').catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'CAMPAIGN_NO_RECIPIENTS' ? notSent : err;
  });
  const messageId = m.firstMessageOf(view.id);
  if (messageId === undefined) throw notSent;
  const pushed = ctx.db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM message_events WHERE message_id = ? AND source = 'push'`);
  const stateOf = ctx.db.prepare<[number], { state: BoxPushTestResult['state'] }>(`SELECT state FROM messages WHERE id = ?`);
  const deadline = Date.now() + input.waitSeconds * 1000;
  let arrived = false;
  while (Date.now() < deadline) {
    if (pushed.get(messageId)!.n > 0) {
      arrived = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = stateOf.get(messageId)?.state ?? 'unknown';
  const summary = arrived
    ? `The box pushed the result (${state}): pushes reach this app.`
    : state === 'queued' || state === 'submitting'
      ? 'The test SMS has not been sent yet (no free port?). Check the box ports and try again.'
      : `No push arrived within ${input.waitSeconds} s. Check that this PC's firewall allows the receiver port and that the box can reach this PC; results will still be fetched by polling.`;
  return { campaignId: view.id, messageId, arrived, state, summary };
}
