import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { MessagePage, MessageRow, MessageState } from '../../../shared/campaigns.ts';
import type { MessageResultRow } from '../contacts/export/table.ts';
import { createContactNames } from '../contacts/contact-names.ts';
import { createSentTexts, exportText, type SentTexts } from './sent-text.ts';

/**
 * Reading a campaign's messages: a page (with states and number search) and every row for the results
 * export. Both can scan a big campaign, so they run in the read worker (store/read-queries.ts).
 */

interface RawMessage {
  id: number;
  campaign_id: string;
  account_id: string;
  e164: string;
  address: string;
  text: string;
  params: string | null;
  segments: number;
  state: string;
  attempts: number;
  provider_id: string | null;
  port: number | null;
  handed_at: number | null;
  error_code: string | null;
  error_message: string | null;
  provider_code: string | null;
  updated_at: number;
}

function toMessageRow(m: RawMessage, sent: SentTexts, name: string | null): MessageRow {
  const said = sent.of(m);
  return {
    id: m.id,
    e164: m.e164,
    name,
    address: m.address,
    text: said.text,
    template: said.template,
    segments: m.segments,
    state: m.state as MessageState,
    attempts: m.attempts,
    providerId: m.provider_id,
    port: m.port,
    errorCode: m.error_code,
    errorMessage: m.error_message,
    providerCode: m.provider_code,
    updatedAt: m.updated_at,
  };
}

export interface CampaignMessagesQuery {
  id: string;
  states?: MessageState[] | undefined;
  search: string;
  offset: number;
  limit: number;
}

export function campaignMessagesPage(db: Database.Database, input: CampaignMessagesQuery): MessagePage {
  const where = ['campaign_id = ?'];
  const args: unknown[] = [input.id];
  if (input.states && input.states.length > 0) {
    where.push(`state IN (${input.states.map(() => '?').join(',')})`);
    args.push(...input.states);
  }
  const digits = input.search.replace(/\D/g, '');
  if (digits !== '') {
    where.push('(e164 LIKE ? OR address LIKE ?)');
    args.push(`%${digits}%`, `%${digits}%`);
  }
  const w = where.join(' AND ');
  const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM messages WHERE ${w}`).get(...args)!.n;
  const raw = db.prepare<unknown[], RawMessage>(`SELECT * FROM messages WHERE ${w} ORDER BY id LIMIT ? OFFSET ?`).all(...args, input.limit, input.offset);
  const sent = createSentTexts(db);
  const names = createContactNames(db)(raw.map((m) => m.e164));
  return { total, rows: raw.map((m) => toMessageRow(m, sent, names.get(m.e164) ?? null)) };
}

/** Every message of the campaign, as the results export writes it. */
export function* campaignResultRows(db: Database.Database, id: string, campaign: { provider: ProviderKind; accountName: string }): Generator<MessageResultRow> {
  const sent = createSentTexts(db);
  for (const m of db.prepare<[string], RawMessage>('SELECT * FROM messages WHERE campaign_id = ? ORDER BY id').iterate(id)) {
    const row = toMessageRow(m, sent, null);
    yield {
      number: row.e164,
      status: row.state,
      provider: campaign.provider,
      account: campaign.accountName,
      ...(row.providerId ? { providerMessageId: row.providerId } : {}),
      ...(row.errorMessage ? { error: row.errorCode ? `${row.errorCode}: ${row.errorMessage}` : row.errorMessage } : {}),
      ...(m.handed_at ? { submittedAt: m.handed_at } : {}),
      updatedAt: row.updatedAt,
      text: exportText(row),
    };
  }
}
