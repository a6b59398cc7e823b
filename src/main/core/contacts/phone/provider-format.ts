import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * How each provider wants a stored E.164 number written:
 * - jsms: JSMS sends to mainland China only and wants the 11-digit mobile without +86.
 * - eims: wholesale platforms take international digits (country code, no plus) by default;
 *   `eimsStyle` follows what the user's platform expects.
 * - gsmbox: the box dials from its SIM's network: numbers of its home region in national form
 *   (with trunk prefix where the country uses one), foreign numbers as +E.164 — or as configured.
 * Returns undefined when the provider cannot take the number (e.g. a non-Chinese number for JSMS).
 */
export type ProviderNumberKind = 'jsms' | 'eims' | 'gsmbox';
export type NumberStyle = 'e164' | 'international-digits' | 'national';

export interface ProviderFormatOptions {
  /** The GSM box's SIM country. Default CN. */
  homeRegion?: CountryCode;
  eimsStyle?: NumberStyle;
  /** Default: national inside homeRegion, e164 outside. */
  gsmboxStyle?: NumberStyle | 'national-at-home';
}

const CN_MOBILE = /^1[3-9]\d{9}$/;

export function formatForProvider(e164: string, kind: ProviderNumberKind, opts: ProviderFormatOptions = {}): string | undefined {
  if (!/^\+[1-9]\d{4,15}$/.test(e164)) return undefined;
  if (kind === 'jsms') {
    if (!e164.startsWith('+86')) return undefined;
    const national = e164.slice(3);
    return CN_MOBILE.test(national) ? national : undefined;
  }
  const style: NumberStyle =
    kind === 'eims'
      ? (opts.eimsStyle ?? 'international-digits')
      : resolveGsmStyle(e164, opts.gsmboxStyle ?? 'national-at-home', opts.homeRegion ?? 'CN');
  return styleNumber(e164, style);
}

function resolveGsmStyle(e164: string, style: NumberStyle | 'national-at-home', home: CountryCode): NumberStyle {
  if (style !== 'national-at-home') return style;
  // By calling code, not country: +44 covers GB, GG, JE and IM, all dialled nationally from a UK SIM.
  return e164.startsWith(`+${getCountryCallingCode(home)}`) ? 'national' : 'e164';
}

/**
 * The number as people of `home` write it: national digits (with the trunk prefix where the country
 * uses one) for a number of that country, +E.164 for any other. What `{phone}` fills in.
 */
export function localNumber(e164: string, home: CountryCode): string {
  // The common case without libphonenumber: a Chinese mobile seen from China is its 11 digits.
  if (home === 'CN' && /^\+861[3-9]\d{9}$/.test(e164)) return e164.slice(3);
  return styleNumber(e164, resolveGsmStyle(e164, 'national-at-home', home)) ?? e164;
}

export function styleNumber(e164: string, style: NumberStyle): string | undefined {
  if (style === 'e164') return e164;
  if (style === 'international-digits') return e164.slice(1);
  const p = parsePhoneNumberFromString(e164);
  if (!p) return undefined;
  // formatNational keeps the trunk prefix (UK 07…, CN landline 010…); dialling needs it.
  return p.formatNational().replace(/\D/g, '');
}
