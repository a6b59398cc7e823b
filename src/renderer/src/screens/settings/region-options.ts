/**
 * Regions for the default-region picker: every region libphonenumber knows, named in the UI language,
 * with its calling code put the language's way (`label`: "China (+86)", "中国（+86）").
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

export interface RegionOption {
  value: string;
  label: string;
}

export function regionOptions(locale: string, label: (name: string, callingCode: string) => string): RegionOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    names = null;
  }
  return getCountries()
    .map((code) => ({ value: code, label: label(names?.of(code) ?? code, `+${getCountryCallingCode(code)}`) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
