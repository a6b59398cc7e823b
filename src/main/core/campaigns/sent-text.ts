import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignContent, CampaignKind, SentTemplate } from '../../../shared/campaigns.ts';
import { fillJsmsTemplate } from '../../../shared/jsms-template.ts';

/**
 * What a sent message said, for the screens and exports. Free text is in the ledger as it was sent; a
 * JSMS template send keeps only its parameters (the template id is the campaign's), so its words are
 * the template's text — kept in `jsms_templates` once read from JSMS — with the parameters filled in.
 * When the template's text is not known, the screens say "template #id" and show the parameters.
 * Plain functions of a connection: main and the read worker both use them.
 */

export interface CampaignFacts {
  name: string;
  provider: ProviderKind;
  kind: CampaignKind;
  /** The JSMS template of a template campaign. */
  tempId: number | null;
}

/** A message row as stored: enough to say what it said. */
export interface StoredText {
  campaign_id: string;
  account_id: string;
  text: string;
  params: string | null;
}

export interface SentText {
  text: string;
  template: SentTemplate | null;
}

const FACTS_KEPT = 10_000;

export function createSentTexts(db: Database.Database) {
  const campaign = db.prepare<[string], { name: string; provider: ProviderKind; kind: CampaignKind; content: string }>(
    `SELECT name, provider, kind, content FROM campaigns WHERE id = ?`,
  );
  const template = db.prepare<[string, number], string>(`SELECT template FROM jsms_templates WHERE account_id = ? AND temp_id = ?`).pluck();
  // A campaign's name, kind and content never change: kept once read.
  const facts = new Map<string, CampaignFacts>();

  function factsOf(campaignId: string): CampaignFacts {
    let f = facts.get(campaignId);
    if (f) return f;
    const r = campaign.get(campaignId);
    if (!r) return { name: '', provider: 'eims', kind: 'campaign', tempId: null };
    const content = JSON.parse(r.content) as CampaignContent;
    f = { name: r.name, provider: r.provider, kind: r.kind, tempId: content.mode === 'template' ? content.tempId : null };
    if (facts.size >= FACTS_KEPT) facts.clear();
    facts.set(campaignId, f);
    return f;
  }

  function of(row: StoredText): SentText {
    if (row.params === null) return { text: row.text, template: null };
    const params = JSON.parse(row.params) as Record<string, string>;
    const id = factsOf(row.campaign_id).tempId;
    if (id === null) return { text: row.text, template: null };
    const words = template.get(row.account_id, id);
    const accountId = row.account_id;
    return words === undefined
      ? { text: '', template: { accountId, id, params, known: false } }
      : { text: fillJsmsTemplate(words, params), template: { accountId, id, params, known: true } };
  }

  return { facts: factsOf, of };
}

export type SentTexts = ReturnType<typeof createSentTexts>;

/** The text column of an export: the words when known, else the template id and its parameters. */
export function exportText(s: SentText): string {
  if (s.template === null || s.template.known) return s.text;
  const params = Object.entries(s.template.params).map(([k, v]) => `${k}=${v}`);
  return `template #${s.template.id}${params.length > 0 ? `: ${params.join(', ')}` : ''}`;
}

/** Template keys (account, template id) of template sends whose text is not known yet. */
export function unknownTemplates(templates: Iterable<SentTemplate | null>): { accountId: string; tempId: number }[] {
  const seen = new Map<string, { accountId: string; tempId: number }>();
  for (const t of templates) {
    if (t && !t.known) seen.set(`${t.accountId}|${t.id}`, { accountId: t.accountId, tempId: t.id });
  }
  return [...seen.values()];
}
