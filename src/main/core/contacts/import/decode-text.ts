import type { DecodedEncoding, TextEncoding } from '../../../../shared/contacts.ts';
import { contactsError } from '../contacts-error.ts';

/**
 * Text files people export from Excel come as UTF-8 (with or without BOM), UTF-16 ("Unicode text",
 * usually LE with BOM) or, from Chinese Excel, GBK/GB18030. `auto` decides from the bytes:
 * BOM → that encoding; NUL-byte pattern → UTF-16 without BOM; valid UTF-8 → UTF-8; else GB18030.
 */
export interface DecodedText {
  text: string;
  encoding: DecodedEncoding;
}

const SAMPLE = 64 * 1024;

export function detectBom(bytes: Uint8Array): DecodedEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without BOM: ASCII-heavy text has a NUL in every other byte. */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** True when the bytes are not text in any 8-bit encoding we accept (NULs or many control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return n > 0 && control / n > 0.05;
}

function tryDecode(bytes: Uint8Array, encoding: DecodedEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const LABELS: Record<DecodedEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GBK/GB18030',
};

export function decodeText(bytes: Uint8Array, requested: TextEncoding = 'auto'): DecodedText {
  if (requested !== 'auto') {
    const text = tryDecode(bytes, requested);
    if (text === undefined) {
      throw contactsError(
        'CONTACTS_BAD_ENCODING',
        `This file is not valid ${LABELS[requested]} text. Pick another encoding, or choose Auto.`,
      );
    }
    return { text, encoding: requested };
  }
  const bom = detectBom(bytes);
  const guess = bom ?? sniffUtf16(bytes);
  if (guess !== undefined) {
    const text = tryDecode(bytes, guess);
    if (text !== undefined) return { text, encoding: guess };
    // A damaged UTF-16 file: keep what can be read rather than refusing the whole list.
    return { text: new TextDecoder(guess).decode(bytes), encoding: guess };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== undefined) return { text: gb, encoding: 'gb18030' };
  // Mixed encodings (e.g. rows pasted from two sources): numbers are ASCII and survive; names may not.
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}
