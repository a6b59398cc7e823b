import type { CampaignRow } from '../campaigns/campaigns-repository.ts';
import { EIMS_LIMITS, JSMS_LIMITS } from '../providers/capabilities.ts';
import type { EimsClient } from '../providers/eims/client.ts';
import type { JsmsClient } from '../providers/jsms/client.ts';
import type { SendResult } from '../providers/types.ts';
import type { Accepted, Failure, LedgerMessage } from './ledger.ts';

/**
 * One provider request for a batch of claimed messages, and the reply mapped back to message ids.
 * EIMS: one text for all → POST /sendsms; different texts → `smsarray`, numbers grouped by text.
 * JSMS: a template batch with per-recipient parameters; `failure_recipients` mapped back by mobile.
 */

export interface BatchOutcome {
  accepted: Accepted[];
  rejected: { id: number; error: Failure }[];
}

/** Messages per request. EIMS allows 10,000; smaller batches bound how many one timeout or crash leaves `unknown`. */
/**
 * Messages per request. EIMS takes up to 10,000, but a request whose reply is lost (an HTTP 500, a
 * dropped connection after it was sent) leaves its whole batch `unknown`: 500 keeps what one fault
 * puts in doubt to a few hundred numbers (issue 16), and after a fault the next batches are smaller
 * still (batch-worker.ts) until requests succeed again.
 */
export const BATCH_SIZE = { eims: 500, jsms: JSMS_LIMITS.recipientsPerBatch } as const;
/** The batch size right after a transient failure (it doubles with each request that succeeds). */
export const BATCH_AFTER_FAULT = 100;
export { EIMS_LIMITS };

function mapBack(messages: readonly LedgerMessage[], result: SendResult): BatchOutcome {
  const byAddress = new Map<string, LedgerMessage>();
  for (const m of messages) byAddress.set(m.address, m);
  const digitsIndex = new Map<string, LedgerMessage>();
  for (const m of messages) digitsIndex.set(m.address.replace(/\D/g, ''), m);
  const find = (n: string) => byAddress.get(n) ?? digitsIndex.get(n.replace(/\D/g, ''));
  const out: BatchOutcome = { accepted: [], rejected: [] };
  for (const a of result.accepted) {
    const m = find(a.number);
    if (m) out.accepted.push({ id: m.id, providerId: a.providerId });
  }
  for (const r of result.rejected) {
    const m = find(r.number);
    if (m) out.rejected.push({ id: m.id, error: { code: r.code, message: r.message, providerCode: r.providerCode } });
  }
  return out;
}

export async function sendEimsBatch(client: EimsClient, campaign: CampaignRow, messages: readonly LedgerMessage[]): Promise<BatchOutcome> {
  const sender = campaign.content.mode === 'text' ? campaign.content.sender : undefined;
  const byText = new Map<string, string[]>();
  for (const m of messages) {
    const list = byText.get(m.text);
    if (list) list.push(m.address);
    else byText.set(m.text, [m.address]);
  }
  if (byText.size === 1) {
    const [[content, numbers]] = [...byText.entries()] as [[string, string[]]];
    const input: Parameters<EimsClient['sendSms']>[0] = { numbers, content };
    if (sender) input.sender = sender;
    return mapBack(messages, await client.sendSms(input));
  }
  const entries = [...byText.entries()].map(([content, numbers]) => (sender ? { content, numbers, sender } : { content, numbers }));
  return mapBack(messages, await client.sendPersonalised(entries));
}

export async function sendJsmsBatch(client: JsmsClient, campaign: CampaignRow, messages: readonly LedgerMessage[]): Promise<BatchOutcome> {
  if (campaign.content.mode !== 'template') throw new Error('JSMS campaigns use templates');
  const input: Parameters<JsmsClient['sendTemplateBatch']>[0] = {
    tempId: campaign.content.tempId,
    recipients: messages.map((m) => (m.params && Object.keys(m.params).length > 0 ? { mobile: m.address, tempPara: m.params } : { mobile: m.address })),
  };
  if (campaign.content.signId !== undefined) input.signId = campaign.content.signId;
  return mapBack(messages, await client.sendTemplateBatch(input));
}
