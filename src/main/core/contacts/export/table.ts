import type { ImportedContact, RejectedRow } from '../../../../shared/contacts.ts';

/**
 * What every exporter writes: a header row and rows of text. Rows may be a lazy (async) iterable
 * so a million-row export streams from the database without being held in memory.
 */
export interface ExportTable {
  headers: string[];
  rows: Iterable<string[]> | AsyncIterable<string[]>;
}

export type ContactRow = Pick<ImportedContact, 'e164' | 'vars'> & { optedOut?: boolean };

/** A list: the number (as `formatNumber` writes it, default E.164) then one column per variable. */
export function contactsTable(
  contacts: Iterable<ContactRow> | AsyncIterable<ContactRow>,
  variables: readonly string[],
  formatNumber: (e164: string) => string = (e) => e,
): ExportTable {
  const map = (c: ContactRow) => [formatNumber(c.e164), ...variables.map((v) => c.vars[v] ?? '')];
  const rows = Symbol.asyncIterator in contacts
    ? (async function* () {
        for await (const c of contacts) yield map(c);
      })()
    : (function* () {
        for (const c of contacts as Iterable<ContactRow>) yield map(c);
      })();
  return { headers: ['phone', ...variables], rows };
}

/** The invalid-rows report: where, what was there, why, and the sentence shown in the app. */
export function rejectsTable(rejects: Iterable<RejectedRow>): ExportTable {
  return {
    headers: ['row', 'value', 'reason', 'message'],
    rows: (function* () {
      for (const r of rejects) yield [String(r.row), r.original, r.reason, r.message];
    })(),
  };
}

/** One sent message as the results export shows it. Times are epoch milliseconds. */
export interface MessageResultRow {
  number: string;
  status: string;
  provider?: string;
  account?: string;
  providerMessageId?: string;
  error?: string;
  text?: string;
  submittedAt?: number;
  updatedAt?: number;
}

function isoTime(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

export function messageResultsTable(results: Iterable<MessageResultRow> | AsyncIterable<MessageResultRow>): ExportTable {
  const map = (m: MessageResultRow) => [
    m.number,
    m.status,
    m.provider ?? '',
    m.account ?? '',
    m.providerMessageId ?? '',
    m.error ?? '',
    isoTime(m.submittedAt),
    isoTime(m.updatedAt),
    m.text ?? '',
  ];
  const rows = Symbol.asyncIterator in results
    ? (async function* () {
        for await (const m of results) yield map(m);
      })()
    : (function* () {
        for (const m of results as Iterable<MessageResultRow>) yield map(m);
      })();
  return {
    headers: ['number', 'status', 'provider', 'account', 'provider_message_id', 'error', 'submitted_at', 'updated_at', 'text'],
    rows,
  };
}
