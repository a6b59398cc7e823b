import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { RenderedSample } from '../../../shared/campaigns.ts';
import { formatForProvider } from '../contacts/phone/provider-format.ts';

/** Rendered samples shown in the summary. */
const SAMPLES = 5;

export interface MoveSummary {
  /** Queued messages that would move (not opted out, and the new account can take the number). */
  recipients: number;
  totalSegments: number;
  /** Queued messages to numbers opted out since: they stay behind. */
  optedOut: number;
  /** Queued messages the new account cannot take (e.g. JSMS: not a mainland mobile): they stay behind. */
  invalid: number;
  sample: RenderedSample[];
}

/** Where a queued message goes in a move: the new account's address form, or why it stays behind. */
export function moveAddress(e164: string, optedOut: boolean, target: { kind: ProviderKind; region: string }): string | 'opted-out' | 'invalid' {
  if (optedOut) return 'opted-out';
  return formatForProvider(e164, target.kind, { homeRegion: target.region as CountryCode }) ?? 'invalid';
}

/**
 * What moving a paused campaign's unsent rest to an account of `kind` would send — the same rules as
 * the move itself (move-step.ts). It reads every queued message, so it runs in the read worker.
 */
export function moveSummary(db: Database.Database, q: { id: string; kind: ProviderKind; region: string }): MoveSummary {
  const rows = db
    .prepare<[string], { e164: string; text: string; params: string | null; segments: number; opted_out: number }>(
      `SELECT m.e164, m.text, m.params, m.segments, EXISTS (SELECT 1 FROM opt_outs o WHERE o.e164 = m.e164) AS opted_out
         FROM messages m WHERE m.campaign_id = ? AND m.state = 'queued' ORDER BY m.id`,
    )
    .iterate(q.id);
  const out: MoveSummary = { recipients: 0, totalSegments: 0, optedOut: 0, invalid: 0, sample: [] };
  for (const r of rows) {
    const to = moveAddress(r.e164, r.opted_out !== 0, q);
    if (to === 'opted-out') out.optedOut += 1;
    else if (to === 'invalid') out.invalid += 1;
    else {
      out.recipients += 1;
      out.totalSegments += r.segments;
      if (out.sample.length < SAMPLES) {
        out.sample.push({
          e164: r.e164,
          text: r.text,
          ...(r.params === null ? {} : { params: JSON.parse(r.params) as Record<string, string> }),
          segments: r.segments,
          encoding: null,
        });
      }
    }
  }
  return out;
}
