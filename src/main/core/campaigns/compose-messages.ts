import type { CampaignContent, RenderedSample } from '../../../shared/campaigns.ts';
import { compileTemplate, templateVariables } from '../../../shared/message-template.ts';
import { countSegments } from '../../../shared/sms-segments.ts';
import type { NewMessage } from './campaigns-repository.ts';
import type { Recipient } from './recipients.ts';

/**
 * Renders the content once per recipient, at creation: the ledger stores exactly what is sent.
 * Text mode fills `{variables}` into the text; template mode fills them into each template parameter.
 */

export interface Composed {
  messages: NewMessage[];
  totalSegments: number;
  missingVariables: { name: string; recipients: number }[];
  sample: RenderedSample[];
}

export function variablesOf(content: CampaignContent): string[] {
  if (content.mode === 'text') return templateVariables(content.body);
  return [...new Set(Object.values(content.params).flatMap((v) => templateVariables(v)))];
}

export function composeMessages(content: CampaignContent, recipients: readonly Recipient[], sampleSize = 5): Composed {
  const missing = new Map<string, number>();
  const used = variablesOf(content);
  /** A variable the recipient lacks, or has only blank: its text would go out empty. */
  const noteMissing = (vars: Readonly<Record<string, string>>) => {
    for (const n of used) {
      if ((vars[n] ?? '').trim() === '') missing.set(n, (missing.get(n) ?? 0) + 1);
    }
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
    if (content.mode === 'text') {
      const { text } = body!(r.vars);
      noteMissing(r.vars);
      const seg = segmentsOf(text);
      totalSegments += seg.segments;
      messages.push({ e164: r.e164, address: r.address, text, params: null, segments: seg.segments });
      if (sample.length < sampleSize) sample.push({ e164: r.e164, text, segments: seg.segments, encoding: seg.encoding });
    } else {
      const filled: Record<string, string> = {};
      for (const [key, render] of params) filled[key] = render(r.vars).text;
      noteMissing(r.vars);
      totalSegments += 1;
      messages.push({ e164: r.e164, address: r.address, text: '', params: filled, segments: 1 });
      if (sample.length < sampleSize) {
        sample.push({ e164: r.e164, text: `#${content.tempId} ${JSON.stringify(filled)}`, params: filled, segments: 1, encoding: null });
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
