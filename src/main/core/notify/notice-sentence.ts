/**
 * Main's English sentences (a held campaign's error, the receiver's failure) in the language of the
 * system notification. The OS shows notices while no window is open, so the renderer cannot translate
 * them; this uses the same `core` and `schema` translations and matcher as the renderer.
 */
import i18next, { type i18n as I18n } from 'i18next';
import enCore from '../../../shared/i18n/en/core.json' with { type: 'json' };
import enSchema from '../../../shared/i18n/en/schema.json' with { type: 'json' };
import zhCore from '../../../shared/i18n/zh/core.json' with { type: 'json' };
import zhSchema from '../../../shared/i18n/zh/schema.json' with { type: 'json' };
import { translateSentence } from '../../../shared/i18n/sentence-patterns.ts';

let instance: I18n | null = null;

function sentences(): I18n {
  if (instance === null) {
    instance = i18next.createInstance();
    void instance.init({
      resources: { en: { core: enCore, schema: enSchema }, zh: { core: zhCore, schema: zhSchema } },
      lng: 'en',
      fallbackLng: 'en',
      ns: ['core', 'schema'],
      defaultNS: 'core',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  return instance;
}

export function noticeSentence(language: 'en' | 'zh', sentence: string): string {
  if (language === 'en' || sentence === '') return sentence;
  const i18n = sentences();
  if (i18n.language !== language) void i18n.changeLanguage(language);
  return translateSentence(i18n, sentence);
}
