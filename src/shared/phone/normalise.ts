import { getCountryCallingCode, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import type { RejectReason } from '../contacts.ts';

/**
 * One phone cell → E.164, or a reason the user can act on. Accepts what spreadsheets really hold:
 * full-width digits (１３８…), `+86 138-1234-5678`, `0086…`, `86…` without plus, `'138…` (Excel's
 * text prefix), `="138…"` (Excel CSV trick), `13812345678.0`, `1.3812345678E10` (float text),
 * NBSP and zero-width characters. A number Excel shortened to `1.38123E+10` is refused, not guessed.
 */
export type NormaliseResult =
  | { ok: true; e164: string }
  | { ok: false; reason: RejectReason; message: string };

const ASCII_DIGITS = /^\d+$/;
const INVISIBLE = /[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]/g;
const SCIENTIFIC = /^\+?(\d+)(?:\.(\d+))?e\+?(\d+)$/i;
const TRAILING_ZERO_DECIMALS = /^(\+?\d+)\.0+$/;
const ALLOWED = /^[\d+\-().\s/]+$/;

function reject(reason: RejectReason, message: string): NormaliseResult {
  return { ok: false, reason, message };
}

/** Strips the decorations people and Excel put around numbers; returns '' for an empty cell. */
export function cleanPhoneText(raw: string): string {
  let s = raw.normalize('NFKC').replace(INVISIBLE, '').trim();
  if (s.startsWith('="') && s.endsWith('"')) s = s.slice(2, -1).trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  return s;
}

/** `1.3812345678E10` → `13812345678`; undefined when digits were lost (mantissa too short) or it is a fraction. */
export function expandScientific(s: string): string | undefined | null {
  const m = SCIENTIFIC.exec(s.replace(/\s/g, ''));
  if (!m) return null; // not scientific notation
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = Number(m[3]);
  const shift = exp - frac.length;
  if (shift !== 0) return undefined;
  return (intPart + frac).replace(/^0+(?=\d)/, '');
}

function lengthReason(text: string, region: CountryCode): NormaliseResult | undefined {
  const problem = validatePhoneNumberLength(text, region);
  // libphonenumber may first strip a carrier prefix (CN 12xxx, 179xx) and then call 11 digits "too short".
  if (problem === 'TOO_SHORT' && text.replace(/\D/g, '').length <= 10) return reject('too-short', 'Too few digits for a phone number.');
  if (problem === 'TOO_LONG') return reject('too-long', 'Too many digits for a phone number.');
  return undefined;
}

function parseValid(text: string, region: CountryCode): string | undefined {
  const p = parsePhoneNumberFromString(text, region);
  return p !== undefined && p.isValid() ? p.number : undefined;
}

/**
 * Fast path for the bulk case (plain 11-digit Chinese numbers starting with 1, region CN).
 * libphonenumber's CN patterns for such numbers look at most at their first 5 digits (mobile
 * `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|…)\d{8}`, fixed line `10(?:[02-79]\d\d|[18](?:0[1-9]|…))\d{5}`),
 * so the verdict is memoised per 6-digit prefix (one digit of margin) and the E.164 form is
 * +86 and the digits. tests/unit/contacts/normalise.test.ts checks this against libphonenumber.
 */
const CN_ELEVEN = /^1\d{10}$/;
const cnPrefixValid = new Map<string, boolean>();

function fastCn(digits: string): NormaliseResult | undefined {
  const key = digits.slice(0, 6);
  let valid = cnPrefixValid.get(key);
  if (valid === undefined) {
    valid = parseValid(digits, 'CN') === `+86${digits}`;
    cnPrefixValid.set(key, valid);
  }
  return valid ? { ok: true, e164: `+86${digits}` } : undefined;
}

export function normalisePhone(raw: string, region: CountryCode = 'CN'): NormaliseResult {
  if (region === 'CN' && CN_ELEVEN.test(raw)) {
    const fast = fastCn(raw);
    if (fast) return fast;
  }
  let s = ASCII_DIGITS.test(raw) ? raw : cleanPhoneText(raw);
  if (s === '') return reject('empty', 'The phone cell is empty.');
  if (!ASCII_DIGITS.test(s)) {
    const expanded = expandScientific(s);
    if (expanded === undefined) {
      return reject(
        'precision-lost',
        'Excel stored this number in scientific notation and lost digits. Format the column as Text in Excel, re-enter or re-export the numbers, and import again.',
      );
    }
    if (expanded !== null) s = (s.startsWith('+') ? '+' : '') + expanded;
    const decimals = TRAILING_ZERO_DECIMALS.exec(s);
    if (decimals) s = decimals[1] as string;
    if (!ALLOWED.test(s)) return reject('not-a-number', 'This is not a phone number: it contains letters or symbols.');
  }
  const digits = s.replace(/\D/g, '');
  if (digits === '') return reject('not-a-number', 'This is not a phone number: it has no digits.');
  const plus = s.trimStart().startsWith('+');
  if (digits.length > 17) return reject('too-long', 'Too many digits for a phone number.');
  const text = plus ? `+${digits}` : digits;
  const direct = parseValid(text, region);
  if (direct !== undefined) return { ok: true, e164: direct };
  if (!plus && digits.startsWith(getCountryCallingCode(region))) {
    // `8613812345678`: the region's own country code written without + or 00. Other countries
    // need their + or 00: a mistyped Chinese mobile must not become a US number.
    const international = parseValid(`+${digits}`, region);
    if (international !== undefined) return { ok: true, e164: international };
  }
  if (digits.length < 5) return reject('too-short', 'Too few digits for a phone number.');
  return (
    lengthReason(text, region) ??
    reject(
      'invalid',
      plus
        ? 'This is not a valid phone number for its country. Check the digits.'
        : `This is not a valid ${region} phone number. Check the digits, or write foreign numbers with their country code (e.g. +44…).`,
    )
  );
}

export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && parsePhoneNumberFromString('+1', value as CountryCode) !== null;
}
