import { describe, expect, it } from 'vitest';
import { keywordKey, startsWithKeyword } from '../../../src/main/core/monitoring/keyword-match.ts';

describe('inbox rule keywords', () => {
  it('match at the start as a whole word, without case, after full-width folding', () => {
    expect(['info', 'INFO', 'Info please', 'info!', '  ...INFO?', 'ＩＮＦＯ 价格'].every((t) => startsWithKeyword(t, 'Info'))).toBe(true);
    expect(['information', 'infos', 'please info', 'inf', ''].some((t) => startsWithKeyword(t, 'INFO'))).toBe(false);
  });

  it('a keyword ending in a Chinese character matches whatever follows it', () => {
    expect(startsWithKeyword('查询余额', '查询')).toBe(true);
    expect(startsWithKeyword('查 询', '查询')).toBe(false);
  });

  it('an empty keyword matches nothing; keys tell keywords apart as they are compared', () => {
    expect(startsWithKeyword('anything', '  ')).toBe(false);
    expect(keywordKey(' ＩＮＦＯ ')).toBe(keywordKey('info'));
  });
});
