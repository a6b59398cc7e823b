import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * What kind of line an E.164 number is, by libphonenumber's number types: the ones that cannot take
 * an SMS (a landline such as 010-6552 1234, toll-free 400/800, premium rate…) are flagged at import
 * and left out of SMS campaigns. FIXED_LINE_OR_MOBILE (the US, Canada and other plans where the two
 * share number ranges) and numbers of unknown type are NOT flagged: they may well be mobiles.
 */
export const NON_MOBILE_KINDS = ['fixed-line', 'toll-free', 'premium-rate', 'shared-cost', 'voip', 'personal', 'pager', 'uan', 'voicemail'] as const;
export type NonMobileKind = (typeof NON_MOBILE_KINDS)[number];

const BY_TYPE: Readonly<Record<string, NonMobileKind>> = {
  FIXED_LINE: 'fixed-line',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/**
 * The bulk case, Chinese 11-digit numbers starting with 1: libphonenumber's CN patterns for them look
 * at their first digits only (as normalise.ts's fast path relies on), so the verdict is kept per
 * 6-digit prefix. tests/unit/contacts/line-type.test.ts checks this against libphonenumber.
 */
const CN_ELEVEN = /^\+861\d{10}$/;
const cnByPrefix = new Map<string, NonMobileKind | null>();

function lookup(e164: string): NonMobileKind | null {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === undefined ? null : (BY_TYPE[type] ?? null);
}

/** The kind of a number that cannot receive SMS, or null for a mobile (or a number that may be one). */
export function nonMobileKind(e164: string): NonMobileKind | null {
  if (CN_ELEVEN.test(e164)) {
    const key = e164.slice(0, 9);
    let kind = cnByPrefix.get(key);
    if (kind === undefined) cnByPrefix.set(key, (kind = lookup(e164)));
    return kind;
  }
  return lookup(e164);
}

/** Why such a number is left out of an SMS campaign (core sentences: the renderer translates them). */
export function nonMobileSentence(kind: NonMobileKind): string {
  switch (kind) {
    case 'fixed-line':
      return 'A landline: it cannot receive SMS.';
    case 'toll-free':
      return 'A toll-free number: it cannot receive SMS.';
    case 'premium-rate':
      return 'A premium-rate number: it cannot receive SMS.';
    case 'shared-cost':
      return 'A shared-cost service number (such as 400): it cannot receive SMS.';
    default:
      return 'Not a mobile number: it cannot receive SMS.';
  }
}
