import { describe, expect, it } from 'vitest';
import { cleanPhoneText, expandScientific, normalisePhone } from '../../../src/shared/phone/normalise.ts';
import { formatForProvider, styleNumber } from '../../../src/main/core/contacts/phone/provider-format.ts';

const ok = (raw: string, region: Parameters<typeof normalisePhone>[1] = 'CN') => {
  const r = normalisePhone(raw, region);
  if (!r.ok) throw new Error(`${JSON.stringify(raw)} rejected: ${r.reason}`);
  return r.e164;
};
const reason = (raw: string, region: Parameters<typeof normalisePhone>[1] = 'CN') => {
  const r = normalisePhone(raw, region);
  return r.ok ? `ok:${r.e164}` : r.reason;
};

describe('normalisePhone (CN default)', () => {
  it.each([
    ['13812345678'],
    ['+86 138-1234-5678'],
    ['+86 (138) 1234 5678'],
    ['8613812345678'],
    ['008613812345678'],
    ['+8613812345678'],
    ['138 1234 5678'],
    ['138.1234.5678'],
    ['１３８１２３４５６７８'],
    ['＋８６ １３８－１２３４－５６７８'],
    ['\u200b13812345678\u200b'],
    ['\u00a013812345678\u00a0'],
    ["'13812345678"],
    ['="13812345678"'],
    ['"13812345678"'],
    ['13812345678.0'],
    ['13812345678.00'],
    ['1.3812345678E10'],
    ['1.3812345678e+10'],
    ['\ufeff13812345678'],
  ])('%j → +8613812345678', (raw) => {
    expect(ok(raw)).toBe('+8613812345678');
  });

  it('keeps foreign numbers written with a country code', () => {
    expect(ok('+44 7911 123456')).toBe('+447911123456');
    expect(ok('0044 7911 123456')).toBe('+447911123456');
    expect(ok('+1 (415) 555-2671')).toBe('+14155552671');
    expect(ok('8.613712345678e12')).toBe('+8613712345678');
  });

  it('reads national numbers in the given region', () => {
    expect(ok('07911 123456', 'GB')).toBe('+447911123456');
    expect(ok('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(ok('010 6552 9988')).toBe('+861065529988');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200b', 'empty'],
    ['call me', 'not-a-number'],
    ['138-1234-567x', 'not-a-number'],
    ['N/A', 'not-a-number'],
    ['---', 'not-a-number'],
    ['123', 'too-short'],
    ['1381234567890123456', 'too-long'],
    ['1.38123E+10', 'precision-lost'],
    ['1.3812E10', 'precision-lost'],
    ['07911 123456', 'invalid'],
    ['+999 12345678', 'invalid'],
  ])('%j is rejected as %s', (raw, expected) => {
    expect(reason(raw)).toBe(expected);
  });

  it('does not turn a mistyped Chinese number into a foreign one', () => {
    expect(reason('12012005600')).toBe('invalid');
    expect(reason('447911123456')).toBe('invalid');
    expect(ok('447911123456', 'GB')).toBe('+447911123456');
  });

  it('gives every rejection a sentence', () => {
    for (const raw of ['', 'x', '12', '1.38123E+10', '07911 123456']) {
      const r = normalisePhone(raw, 'CN');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('cleans decorations without touching digits', () => {
    expect(cleanPhoneText(' ＋８６\u00a0１３８ ')).toBe('+86 138');
    expect(cleanPhoneText('="0086"')).toBe('0086');
  });

  it('expands scientific notation only when no digit was lost', () => {
    expect(expandScientific('1.3812345678E10')).toBe('13812345678');
    expect(expandScientific('1.38123E+10')).toBeUndefined();
    expect(expandScientific('13812345678')).toBeNull();
  });
});

describe('formatForProvider', () => {
  it('JSMS: 11-digit Chinese mobiles without +86, nothing else', () => {
    expect(formatForProvider('+8613812345678', 'jsms')).toBe('13812345678');
    expect(formatForProvider('+861065529988', 'jsms')).toBeUndefined();
    expect(formatForProvider('+447911123456', 'jsms')).toBeUndefined();
  });

  it('EIMS: international digits by default, or the style the platform wants', () => {
    expect(formatForProvider('+8613812345678', 'eims')).toBe('8613812345678');
    expect(formatForProvider('+447911123456', 'eims')).toBe('447911123456');
    expect(formatForProvider('+8613812345678', 'eims', { eimsStyle: 'e164' })).toBe('+8613812345678');
    expect(formatForProvider('+8613812345678', 'eims', { eimsStyle: 'national' })).toBe('13812345678');
  });

  it('GSM box: national at home (trunk prefix kept), +E.164 abroad', () => {
    expect(formatForProvider('+8613812345678', 'gsmbox')).toBe('13812345678');
    expect(formatForProvider('+861065529988', 'gsmbox')).toBe('01065529988');
    expect(formatForProvider('+447911123456', 'gsmbox')).toBe('+447911123456');
    expect(formatForProvider('+447911123456', 'gsmbox', { homeRegion: 'GB' })).toBe('07911123456');
    expect(formatForProvider('+8613812345678', 'gsmbox', { gsmboxStyle: 'international-digits' })).toBe('8613812345678');
  });

  it('refuses what is not E.164', () => {
    expect(formatForProvider('13812345678', 'eims')).toBeUndefined();
    expect(formatForProvider('+0123', 'gsmbox')).toBeUndefined();
    expect(styleNumber('+8613812345678', 'e164')).toBe('+8613812345678');
  });
});

describe('CN bulk fast path', () => {
  it('agrees with libphonenumber for every 6-digit prefix of 11-digit numbers starting with 1', async () => {
    const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const mismatches: string[] = [];
    for (let prefix = 100000; prefix <= 199999; prefix++) {
      // the first number primes the per-prefix memo, the second one takes the fast path
      for (let k = 0; k < 2; k++) {
        const n = `${prefix}${String(rnd() % 100000).padStart(5, '0')}`;
        const p = parsePhoneNumberFromString(n, 'CN');
        const reference = p && p.isValid() ? p.number : undefined;
        if (!reference && !n.startsWith('86')) {
          const r = normalisePhone(n, 'CN');
          if (r.ok) mismatches.push(`${n} accepted as ${r.e164}`);
          continue;
        }
        const r = normalisePhone(n, 'CN');
        if ((r.ok ? r.e164 : undefined) !== reference) mismatches.push(n);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
