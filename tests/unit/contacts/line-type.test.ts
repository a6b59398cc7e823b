import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { nonMobileKind } from '../../../src/shared/phone/line-type.ts';
import { countPastedNumbers, splitPastedNumbers } from '../../../src/shared/phone/pasted-numbers.ts';
import { normalisePhone } from '../../../src/shared/phone/normalise.ts';

describe('line type', () => {
  it('the per-prefix memo for Chinese 11-digit numbers agrees with libphonenumber number by number', () => {
    const disagree: string[] = [];
    for (let p = 100_000; p < 200_000; p += 13) {
      const e164 = `+86${p}${String((p * 7919) % 100_000).padStart(5, '0')}`;
      const type = parsePhoneNumberFromString(e164)?.getType();
      const expectedNonMobile = type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE';
      if ((nonMobileKind(e164) !== null) !== expectedNonMobile) disagree.push(e164);
    }
    expect(disagree).toEqual([]);
  });

  it('names landlines, toll-free and service numbers; leaves mobiles and either-or plans alone', () => {
    expect(nonMobileKind('+861065521234')).toBe('fixed-line');
    expect(nonMobileKind('+442079460958')).toBe('fixed-line');
    expect(nonMobileKind('+864008123123')).toBe('shared-cost');
    expect(nonMobileKind('+8613912340001')).toBeNull();
    expect(nonMobileKind('+85291234567')).toBeNull();
    expect(nonMobileKind('+14155552671')).toBeNull();
  });
});

describe('pasted numbers: one splitter for the paste box and the campaign', () => {
  const isNumber = (s: string) => normalisePhone(s, 'CN').ok;
  it('splits on commas, slashes with spaces and lines; keeps a spaced number whole', () => {
    const text = '13912340001, 139-1234-0002 / +86 139 1234 0003 / 12345';
    expect(splitPastedNumbers(text, isNumber)).toEqual(['13912340001', '139-1234-0002', '+86 139 1234 0003', '12345']);
    expect(countPastedNumbers(text, 'CN')).toEqual({ valid: 3, invalid: 1 });
  });

  it('space-separated lists become numbers; a number written in groups stays one', () => {
    expect(splitPastedNumbers('13912340001 13912340002', isNumber)).toEqual(['13912340001', '13912340002']);
    expect(splitPastedNumbers('139 1234 0002 139 1234 0003', isNumber)).toEqual(['139 1234 0002', '139 1234 0003']);
    expect(splitPastedNumbers('(010) 6552-1234 13912340001', isNumber)).toEqual(['(010) 6552-1234', '13912340001']);
    expect(splitPastedNumbers('030/123456；13912340001、13912340002', isNumber)).toEqual(['030/123456', '13912340001', '13912340002']);
    expect(splitPastedNumbers(' \n , / ', isNumber)).toEqual([]);
  });
});
