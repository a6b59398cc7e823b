import { SegmentedMessage } from 'sms-segments-calculator';

/** How a message body is encoded and split into SMS segments, counted the way a carrier counts. */
export interface SegmentInfo {
  /** GSM-7 when every character is in the GSM 03.38 alphabet (incl. extension table), else UCS-2. */
  encoding: 'GSM-7' | 'UCS-2';
  /**
   * Length in carrier units: GSM-7 septets (extension characters such as `€ [ ] { } ^ ~ \ |` count 2),
   * or UTF-16 code units for UCS-2 (an emoji outside the BMP counts 2).
   */
  characters: number;
  /** Number of SMS segments the message is sent as (0 for an empty message). */
  segments: number;
  /** Capacity of one segment: 160/153 for GSM-7, 70/67 for UCS-2 (single vs concatenated). */
  perSegment: number;
  /** Units still free in the last segment before another segment is needed. */
  remainingInSegment: number;
  /** Distinct characters that force UCS-2, in order of first appearance (empty for GSM-7). */
  nonGsmCharacters: string[];
}

const SINGLE = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const MULTI = { 'GSM-7': 153, 'UCS-2': 67 } as const;
const UNIT_BITS = { 'GSM-7': 7, 'UCS-2': 16 } as const;

/**
 * Counts encoding, length and segments of an SMS body (works in main and renderer).
 * Segmentation follows `sms-segments-calculator`: an extension character or a grapheme
 * (e.g. a surrogate pair) is never split across two segments, so the last segment's
 * fill — not `characters % perSegment` — decides `remainingInSegment`.
 */
export function countSegments(text: string): SegmentInfo {
  if (text === '') {
    return {
      encoding: 'GSM-7',
      characters: 0,
      segments: 0,
      perSegment: SINGLE['GSM-7'],
      remainingInSegment: SINGLE['GSM-7'],
      nonGsmCharacters: [],
    };
  }
  const message = new SegmentedMessage(text, 'auto');
  const encoding = message.encodingName;
  // The library counts UCS-2 length in graphemes; carriers count UTF-16 code units.
  const characters = encoding === 'UCS-2' ? text.length : message.numberOfCharacters;
  const segments = message.segmentsCount;
  const perSegment = segments > 1 ? MULTI[encoding] : SINGLE[encoding];
  const last = message.segments[message.segments.length - 1];
  const usedInLast = last === undefined ? 0 : last.messageSizeInBits() / UNIT_BITS[encoding];
  return {
    encoding,
    characters,
    segments,
    perSegment,
    remainingInSegment: Math.max(0, perSegment - usedInLast),
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}

