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
  /** Lines in different encodings were found (each decoded on its own). */
  mixed?: boolean;
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
  // Not UTF-8: GB18030 (Chinese Excel's "CSV") unless some lines are real UTF-8.
  return decodeLineByLine(bytes);
}

/** 'ascii' (7-bit only), 'utf-8' (well-formed with multi-byte characters) or 'invalid'. */
export function utf8Kind(bytes: Uint8Array): 'ascii' | 'utf-8' | 'invalid' {
  let multibyte = false;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= n) return 'invalid';
    for (let k = 1; k <= need; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return 'invalid';
    const b1 = bytes[i + 1] as number;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 'invalid';
    multibyte = true;
    i += need + 1;
  }
  return multibyte ? 'utf-8' : 'ascii';
}

/**
 * Not UTF-8 as a whole: each line is decoded on its own, UTF-8 when it is well-formed, else
 * GB18030. Pure GBK files come out as GB18030; files with rows pasted from a UTF-8 and a GBK
 * source (mixed encodings) come out right line by line. LF never occurs inside a GBK or UTF-8
 * multi-byte character, so splitting on it is safe.
 */
function decodeLineByLine(bytes: Uint8Array): DecodedText {
  const utf8 = new TextDecoder('utf-8');
  const gb = new TextDecoder('gb18030');
  const parts: string[] = [];
  let utf8Lines = 0;
  let gbLines = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    const kind = utf8Kind(line);
    if (kind === 'invalid') {
      parts.push(gb.decode(line));
      gbLines++;
    } else {
      parts.push(utf8.decode(line, { stream: false }));
      if (kind === 'utf-8') utf8Lines++;
    }
    start = end;
  }
  let text = parts.join('');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: gbLines >= utf8Lines ? 'gb18030' : 'utf-8', mixed: utf8Lines > 0 && gbLines > 0 };
}
