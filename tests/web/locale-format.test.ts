import { describe, expect, it } from 'vitest';
import { makeFormat } from '../../src/renderer/src/i18n/format.ts';
import { i18next, initI18n } from '../../src/renderer/src/i18n/index.ts';

describe('locale formatting', () => {
  it('formats numbers for the UI language', () => {
    expect(makeFormat('en').number(1234567)).toBe('1,234,567');
    expect(makeFormat('zh').number(1234567)).toBe(new Intl.NumberFormat('zh-CN').format(1234567));
    expect(makeFormat('en').bytes(1536)).toBe('1.5 KB');
  });

  it('formats counts inside translations', async () => {
    initI18n('en');
    await i18next.changeLanguage('en');
    expect(i18next.t('contacts:optOuts.total', { count: 12345 })).toBe('12,345 numbers');
    expect(i18next.t('contacts:optOuts.more', { shown: 1000, total: 25000 })).toBe('Showing 1,000 of 25,000. Search to find others.');
    await i18next.changeLanguage('zh');
    expect(i18next.t('contacts:optOuts.total', { count: 12345 })).toBe(`${new Intl.NumberFormat('zh').format(12345)} 个号码`);
    await i18next.changeLanguage('en');
  });
});
