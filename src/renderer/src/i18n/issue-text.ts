/**
 * Turns validation problems into sentences in the user's language. The shared zod schemas carry
 * plain English sentences; those are looked up in the `schema` namespace (keyed by the sentence
 * itself). Issues that carry only zod's generic wording get a generic sentence from their code.
 */
import type { i18n as I18n } from 'i18next';
import type { z } from 'zod';
import { translateSentence } from '../../../shared/i18n/sentence-patterns.ts';

const LOOKUP = { ns: 'schema', keySeparator: false, nsSeparator: false } as const;

/** A sentence from the schemas or from main, translated when we know it, as-is otherwise. */
export function sentenceText(i18n: I18n, sentence: string): string {
  return translateSentence(i18n, sentence);
}

export function issueText(i18n: I18n, issue: z.core.$ZodIssue): string {
  if (i18n.exists(issue.message, LOOKUP)) return i18n.t(issue.message, LOOKUP);
  const t = (key: string, params: Record<string, unknown> = {}) => i18n.t(`common:validation.${key}`, params);
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? t('tooLongText', { maximum: Number(issue.maximum) })
        : t('tooBig', { maximum: Number(issue.maximum) });
    case 'too_small':
      return issue.origin === 'string'
        ? t('tooShortText', { minimum: Number(issue.minimum) })
        : t('tooSmall', { minimum: Number(issue.minimum) });
    case 'invalid_type':
      if (issue.expected === 'int') return t('notAWholeNumber');
      if (issue.expected === 'number' || issue.expected === 'nan') return t('notANumber');
      return t('invalid');
    default:
      return t('invalid');
  }
}
