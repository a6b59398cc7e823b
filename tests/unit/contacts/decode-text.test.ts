import { describe, expect, it } from 'vitest';
import { decodeText, utf8Kind, detectBom, looksBinary, sniffUtf16 } from '../../../src/main/core/contacts/import/decode-text.ts';

const TEXT = '姓名,手机\n张三,13812345678\n';

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
  const s = (bom ? '\ufeff' : '') + text;
  const b = new Uint8Array(s.length * 2);
  const v = new DataView(b.buffer);
  for (let i = 0; i < s.length; i++) v.setUint16(i * 2, s.charCodeAt(i), le);
  return b;
}
// 姓名,手机\n张三,13812345678\n in GBK
const GBK = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, ...new TextEncoder().encode('13812345678\n')]);

describe('decodeText', () => {
  it('UTF-8 without and with BOM (BOM removed)', () => {
    expect(decodeText(new TextEncoder().encode(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeText(new TextEncoder().encode('\ufeff' + TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('UTF-16 LE/BE with and without BOM', () => {
    for (const le of [true, false]) {
      for (const bom of [true, false]) {
        const r = decodeText(utf16(TEXT, le, bom));
        expect(r.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
        expect(r.text).toBe(TEXT);
      }
    }
  });

  it('GBK/GB18030 when the bytes are not UTF-8', () => {
    expect(decodeText(GBK)).toMatchObject({ text: TEXT, encoding: 'gb18030', mixed: false });
  });

  it('decodes mixed UTF-8 and GBK lines one by one', () => {
    const mixed = new Uint8Array([...new TextEncoder().encode('姓名,手机\n'), ...GBK.subarray(10)]);
    const r = decodeText(mixed);
    expect(r.text).toBe(TEXT);
    expect(r.mixed).toBe(true);
  });

  it('honours an encoding chosen by the user and says when it does not fit', () => {
    expect(decodeText(GBK, 'gb18030').text).toBe(TEXT);
    expect(() => decodeText(GBK, 'utf-8')).toThrowError(expect.objectContaining({ code: 'CONTACTS_BAD_ENCODING' }));
  });

  it('detectors', () => {
    expect(detectBom(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toBe('utf-8');
    expect(detectBom(new Uint8Array([0xff, 0xfe]))).toBe('utf-16le');
    expect(detectBom(new Uint8Array([0xfe, 0xff]))).toBe('utf-16be');
    expect(detectBom(new Uint8Array([0x31, 0x32]))).toBeUndefined();
    expect(sniffUtf16(utf16('13812345678', true, false))).toBe('utf-16le');
    expect(sniffUtf16(utf16('13812345678', false, false))).toBe('utf-16be');
    expect(sniffUtf16(new TextEncoder().encode('13812345678'))).toBeUndefined();
    expect(looksBinary(new Uint8Array([0x31, 0x00, 0x32]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('a,b\r\n'))).toBe(false);
    expect(utf8Kind(new TextEncoder().encode('张三 13812345678'))).toBe('utf-8');
    expect(utf8Kind(new TextEncoder().encode('13812345678'))).toBe('ascii');
    expect(utf8Kind(GBK)).toBe('invalid');
    expect(utf8Kind(new Uint8Array([0xe5, 0xbc]))).toBe('invalid'); // truncated
    expect(utf8Kind(new Uint8Array([0xc0, 0xaf]))).toBe('invalid'); // overlong
    expect(utf8Kind(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('invalid'); // surrogate
  });
});
