import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { ExcludedRecipient, RecipientsInput } from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { nonMobileKind, nonMobileSentence } from '../../../shared/phone/line-type.ts';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import { splitPastedNumbers } from '../../../shared/phone/pasted-numbers.ts';
import { formatForProvider } from '../contacts/phone/provider-format.ts';

/**
 * Who a campaign goes to: the members of the chosen lists (with the variables each list carries)
 * plus pasted numbers (split as the paste box counts them: shared/phone/pasted-numbers.ts),
 * normalised to E.164, deduplicated (the first occurrence's variables win), opt-outs removed,
 * landlines and other numbers that cannot receive SMS left out (unless `includeNonMobile`), and
 * written the way the account's provider wants them.
 */

export interface Recipient {
  e164: string;
  address: string;
  vars: Record<string, string>;
}

export interface ResolvedRecipients {
  recipients: Recipient[];
  invalid: number;
  optedOut: number;
  /** Landlines, toll-free and other numbers that cannot receive SMS, left out. */
  nonMobile: number;
  duplicates: number;
  /** The first excluded values with reasons (at most `keepExcluded`). */
  excluded: ExcludedRecipient[];
}

const KEEP_EXCLUDED = 200;
const PROVIDER_CANNOT_TAKE: Record<ProviderKind, string> = {
  jsms: 'JSMS sends only to mainland China mobile numbers.',
  eims: 'The platform cannot take this number.',
  gsmbox: 'The GSM box cannot dial this number.',
};

export function resolveRecipients(
  db: Database.Database,
  input: RecipientsInput,
  kind: ProviderKind,
  region: CountryCode,
  opts: { includeNonMobile?: boolean } = {},
): ResolvedRecipients {
  const seen = new Set<string>();
  const out: ResolvedRecipients = { recipients: [], invalid: 0, optedOut: 0, nonMobile: 0, duplicates: 0, excluded: [] };
  // One read of the opt-out list instead of a lookup per number (100k recipients).
  const optedOutSet = new Set(db.prepare<[], { e164: string }>('SELECT e164 FROM opt_outs').pluck().all() as unknown as string[]);
  const exclude = (value: string, reason: string) => {
    if (out.excluded.length < KEEP_EXCLUDED) out.excluded.push({ value, reason });
  };
  const add = (e164: string, original: string, vars: Record<string, string>) => {
    if (seen.has(e164)) {
      out.duplicates += 1;
      return;
    }
    seen.add(e164);
    if (optedOutSet.has(e164)) {
      out.optedOut += 1;
      exclude(original, 'On the opt-out list.');
      return;
    }
    const line = opts.includeNonMobile ? null : nonMobileKind(e164);
    if (line !== null) {
      out.nonMobile += 1;
      exclude(original, nonMobileSentence(line));
      return;
    }
    const address = formatForProvider(e164, kind, { homeRegion: region });
    if (address === undefined) {
      out.invalid += 1;
      exclude(original, PROVIDER_CANNOT_TAKE[kind]);
      return;
    }
    out.recipients.push({ e164, address, vars });
  };

  const listExists = db.prepare<[string], { id: string }>("SELECT id FROM lists WHERE id = ? AND state = 'ready'");
  const members = db.prepare<[string], { e164: string; original: string; vars: string }>(
    `SELECT c.e164, c.original, m.vars FROM list_members m JOIN contacts c ON c.id = m.contact_id WHERE m.list_id = ? ORDER BY m.added_at, m.contact_id`,
  );
  for (const listId of input.listIds) {
    if (!listExists.get(listId)) {
      throw new AppError('CAMPAIGN_LIST_NOT_FOUND', 'One of the chosen lists no longer exists. Pick the lists again.', { fields: { listIds: 'A list was deleted.' } });
    }
    for (const m of members.iterate(listId)) add(m.e164, m.original || m.e164, JSON.parse(m.vars) as Record<string, string>);
  }
  for (const raw of splitPastedNumbers(input.pasted, (candidate) => normalisePhone(candidate, region).ok)) {
    const r = normalisePhone(raw, region);
    if (!r.ok) {
      out.invalid += 1;
      exclude(raw, r.message);
      continue;
    }
    add(r.e164, raw, {});
  }
  return out;
}
