import { describe, it, expect } from 'vitest';
import { countSegments } from '../../../src/shared/sms-segments.ts';

describe('countSegments', () => {
  it('reports an empty message as GSM-7 with no segments', () => {
    expect(countSegments('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      segments: 0,
      perSegment: 160,
      remainingInSegment: 160,
      nonGsmCharacters: [],
    });
  });

  it('fits 160 GSM-7 characters in one segment', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({
      encoding: 'GSM-7',
      characters: 160,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 0,
    });
  });

  it('splits 161 GSM-7 characters into two 153-septet segments', () => {
    expect(countSegments('a'.repeat(161))).toMatchObject({
      characters: 161,
      segments: 2,
      perSegment: 153,
      remainingInSegment: 153 - 8,
    });
  });

  it('fills exactly two concatenated segments at 306 and needs a third at 307', () => {
    expect(countSegments('a'.repeat(153 * 2))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSegments('a'.repeat(153 * 2 + 1))).toMatchObject({
      segments: 3,
      perSegment: 153,
      remainingInSegment: 152,
    });
  });

  it('counts GSM-7 extension characters as two septets', () => {
    const info = countSegments('€[]{}^~\\|');
    expect(info.encoding).toBe('GSM-7');
    expect(info.characters).toBe(18);
    expect(info.nonGsmCharacters).toEqual([]);
  });

  it('tips into a second segment when an extension character crosses 160', () => {
    expect(countSegments('a'.repeat(158) + '€')).toMatchObject({ characters: 160, segments: 1, remainingInSegment: 0 });
    expect(countSegments('a'.repeat(159) + '€')).toMatchObject({ characters: 161, segments: 2 });
  });

  it('never splits an extension character across concatenated segments', () => {
    // Segment 1 takes 152 septets; the 2-septet € moves to segment 2 with the 10 letters.
    const info = countSegments('a'.repeat(152) + '€' + 'a'.repeat(10));
    expect(info.characters).toBe(164);
    expect(info.segments).toBe(2);
    expect(info.remainingInSegment).toBe(153 - 12);
  });

  it('fits 70 Chinese characters in one UCS-2 segment', () => {
    expect(countSegments('中'.repeat(70))).toMatchObject({
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
      perSegment: 70,
      remainingInSegment: 0,
      nonGsmCharacters: ['中'],
    });
  });

  it('splits 71 Chinese characters into 67-unit segments', () => {
    expect(countSegments('中'.repeat(71))).toMatchObject({
      encoding: 'UCS-2',
      characters: 71,
      segments: 2,
      perSegment: 67,
      remainingInSegment: 67 - 4,
    });
  });

  it('counts an emoji as two UTF-16 code units', () => {
    expect(countSegments('😀')).toMatchObject({
      encoding: 'UCS-2',
      characters: 2,
      segments: 1,
      remainingInSegment: 68,
      nonGsmCharacters: ['😀'],
    });
    expect(countSegments('中'.repeat(68) + '😀')).toMatchObject({ characters: 70, segments: 1 });
    expect(countSegments('中'.repeat(69) + '😀')).toMatchObject({ characters: 71, segments: 2 });
  });

  it('counts a typical Chinese verification text', () => {
    const text = '【云信】您的验证码是123456，5分钟内有效，请勿泄露。';
    const info = countSegments(text);
    expect(info.encoding).toBe('UCS-2');
    expect(info.characters).toBe(text.length);
    expect(info.characters).toBe(29);
    expect(info.segments).toBe(1);
    expect(info.remainingInSegment).toBe(70 - 29);
    expect(info.nonGsmCharacters).toContain('【');
    expect(info.nonGsmCharacters).not.toContain('1');
  });

  it('counts GSM characters as one unit each once mixed text forces UCS-2', () => {
    const info = countSegments('Hi € 世界 {x}');
    expect(info.encoding).toBe('UCS-2');
    // Extension characters are single UTF-16 units in UCS-2, not two septets.
    expect(info.characters).toBe(11);
    expect(info.nonGsmCharacters).toEqual(['世', '界']);
  });

  it('lists each non-GSM character once, in order of first appearance', () => {
    expect(countSegments('ça va, ça? 😀ç').nonGsmCharacters).toEqual(['ç', '😀']);
  });

  it('keeps accented letters of the GSM alphabet in GSM-7 but not others', () => {
    expect(countSegments('Café à Zürich, Ñoño ù?')).toMatchObject({ encoding: 'GSM-7', nonGsmCharacters: [] });
    // ú is not in GSM 03.38 (only ù is), so it forces UCS-2.
    expect(countSegments('Ñandú')).toMatchObject({ encoding: 'UCS-2', nonGsmCharacters: ['ú'] });
  });
});
