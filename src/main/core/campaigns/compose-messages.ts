import type { CountryCode } from 'libphonenumber-js/max';
import type { CampaignContent, RenderedSample } from '../../../shared/campaigns.ts';
import { fillJsmsTemplate } from '../../../shared/jsms-template.ts';
import { compileTemplate, templateVariables } from '../../../shared/message-template.ts';
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

export function composeMessages(content: CampaignContent, recipients: readonly Recipient[], opts: ComposeOptions): Composed {
  const sampleSize = opts.sampleSize ?? 5;
  const missing = new Map<string, number>();
  const builtIns = usesBuiltIns(variablesOf(content));
  /** A variable the recipient lacks, or has only blank, with no default: its text would go out empty. */
  const noteMissing = (names: Iterable<string>) => {
    for (const n of names) missing.set(n, (missing.get(n) ?? 0) + 1);
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
  const body = content.mode === 'text' ? compileTemplate(content.body) : null;
  const params = content.mode === 'template' ? Object.entries(content.params).map(([key, value]) => [key, compileTemplate(value)] as const) : [];
  for (const r of recipients) {
    const vars = builtIns ? withBuiltIns(r.vars, r.e164, opts.region) : r.vars;
    if (content.mode === 'text') {
      const rendered = body!(vars);
      noteMissing(rendered.missing);
      const seg = segmentsOf(rendered.text);
      totalSegments += seg.segments;
      messages.push({ e164: r.e164, address: r.address, text: rendered.text, params: null, segments: seg.segments });
      if (sample.length < sampleSize) sample.push({ e164: r.e164, text: rendered.text, segments: seg.segments, encoding: seg.encoding });
    } else {
      const filled: Record<string, string> = {};
      const lacking = new Set<string>();
      for (const [key, render] of params) {
        const rendered = render(vars);
        filled[key] = rendered.text;
        for (const n of rendered.missing) lacking.add(n);
      }
      noteMissing(lacking);
      totalSegments += 1;
      messages.push({ e164: r.e164, address: r.address, text: '', params: filled, segments: 1 });
      if (sample.length < sampleSize) {
        const text = opts.templateText !== undefined ? fillJsmsTemplate(opts.templateText, filled).text : `#${content.tempId} ${JSON.stringify(filled)}`;
        sample.push({ e164: r.e164, text, params: filled, segments: 1, encoding: null });
      }
    }
  }
  return {
    messages,
    totalSegments,
    missingVariables: [...missing.entries()].map(([name, n]) => ({ name, recipients: n })),
    sample,
  };
}
