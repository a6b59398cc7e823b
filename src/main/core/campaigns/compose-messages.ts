import type { CountryCode } from 'libphonenumber-js/max';
import type { CampaignContent, RenderedSample } from '../../../shared/campaigns.ts';
import { fillJsmsTemplateDraft } from '../../../shared/jsms-template.ts';
import { compileTemplate, templatePlaceholders, templateVariables, type Rendered } from '../../../shared/message-template.ts';
import { countSegments } from '../../../shared/sms-segments.ts';
import { usesBuiltIns, withBuiltIns } from './built-in-variables.ts';
import type { NewMessage } from './campaigns-repository.ts';
import type { Recipient } from './recipients.ts';

/**
 * Renders the content once per recipient, at creation: the ledger stores exactly what is sent.
 * Text mode fills `{variables}` into the text; template mode fills them into each template parameter.
 * Every recipient has the built-in variables (`{phone}`) besides its list's; a placeholder with a
 * default (`{name|客户}`) takes the default where the recipient has no value.
 */

export interface Composed {
  messages: NewMessage[];
  totalSegments: number;
  missingVariables: { name: string; recipients: number }[];
  defaultedVariables: { name: string; recipients: number; fallback: string }[];
  sample: RenderedSample[];
}

export interface ComposeOptions {
  /** The default region: how `{phone}` writes the number. */
  region: CountryCode;
  /** Recipients rendered into the summary's samples. */
  sampleSize?: number;
  /** JSMS: the template's text, when known, so the samples read as the phone will show them. */
  templateText?: string | undefined;
}

export function variablesOf(content: CampaignContent): string[] {
  if (content.mode === 'text') return templateVariables(content.body);
  return [...new Set(Object.values(content.params).flatMap((v) => templateVariables(v)))];
}

/** The first default written for each name in the content (what the summary says a recipient got). */
function fallbacksOf(content: CampaignContent): Map<string, string> {
  const texts = content.mode === 'text' ? [content.body] : Object.values(content.params);
  const out = new Map<string, string>();
  for (const p of texts.flatMap((t) => templatePlaceholders(t))) if (p.fallback !== undefined && !out.has(p.name)) out.set(p.name, p.fallback);
  return out;
}

export function composeMessages(content: CampaignContent, recipients: readonly Recipient[], opts: ComposeOptions): Composed {
  const sampleSize = opts.sampleSize ?? 5;
  const missing = new Map<string, number>();
  const defaulted = new Map<string, number>();
  const builtIns = usesBuiltIns(variablesOf(content));
  /**
   * Per recipient: a variable it lacks (or has only blank) with no default — its text would go out
   * empty — and one that took its default.
   */
  const note = (rendered: readonly Pick<Rendered, 'missing' | 'defaulted'>[]) => {
    for (const n of new Set(rendered.flatMap((r) => r.missing))) missing.set(n, (missing.get(n) ?? 0) + 1);
    for (const n of new Set(rendered.flatMap((r) => r.defaulted))) defaulted.set(n, (defaulted.get(n) ?? 0) + 1);
  };
  const messages: NewMessage[] = [];
  const sample: RenderedSample[] = [];
  let totalSegments = 0;
  const segmentCache = new Map<string, ReturnType<typeof countSegments>>();
  const segmentsOf = (text: string) => {
    let s = segmentCache.get(text);
    if (!s) {
      s = countSegments(text);
      if (segmentCache.size < 10_000) segmentCache.set(text, s);
    }
    return s;
  };
  const fallbacks = fallbacksOf(content);
  const body = content.mode === 'text' ? compileTemplate(content.body) : null;
  const params = content.mode === 'template' ? Object.entries(content.params).map(([key, value]) => [key, compileTemplate(value)] as const) : [];
  for (const r of recipients) {
    const vars = builtIns ? withBuiltIns(r.vars, r.e164, opts.region) : r.vars;
    if (content.mode === 'text') {
      const rendered = body!(vars);
      note([rendered]);
      const seg = segmentsOf(rendered.text);
      totalSegments += seg.segments;
      messages.push({ e164: r.e164, address: r.address, text: rendered.text, params: null, segments: seg.segments });
      if (sample.length < sampleSize) sample.push({ e164: r.e164, text: rendered.text, segments: seg.segments, encoding: seg.encoding });
    } else {
      const filled: Record<string, string> = {};
      const all: Rendered[] = [];
      for (const [key, render] of params) {
        const rendered = render(vars);
        filled[key] = rendered.text;
        all.push(rendered);
      }
      note(all);
      totalSegments += 1;
      messages.push({ e164: r.e164, address: r.address, text: '', params: filled, segments: 1 });
      if (sample.length < sampleSize) {
        const read = opts.templateText !== undefined;
        const text = read ? fillJsmsTemplateDraft(opts.templateText!, filled).text : `#${content.tempId} ${JSON.stringify(filled)}`;
        sample.push({ e164: r.e164, text, params: filled, segments: 1, encoding: null, ...(read ? { fromTemplate: true } : {}) });
      }
    }
  }
  return {
    messages,
    totalSegments,
    missingVariables: [...missing.entries()].map(([name, n]) => ({ name, recipients: n })),
    defaultedVariables: [...defaulted.entries()].map(([name, n]) => ({ name, recipients: n, fallback: fallbacks.get(name) ?? '' })),
    sample,
  };
}
