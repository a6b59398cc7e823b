/** Numbers in the UI language (Intl), for every screen: `const f = useFormat(); f.number(1234)`. Dates: format/date-time.ts. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type Language } from './index.ts';

export interface Format {
  locale: string;
  number(n: number): string;
  bytes(n: number): string;
}

export function makeFormat(language: Language): Format {
  const locale = localeOf(language);
  const num = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    locale,
    number: (n) => num.format(n),
    bytes: (n) => (n < 1024 * 1024 ? `${one.format(n / 1024)} KB` : `${one.format(n / (1024 * 1024))} MB`),
  };
}

export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'zh' ? 'zh' : 'en';
  return useMemo(() => makeFormat(language), [language]);
}
