import type { CountryCode } from 'libphonenumber-js/max';
import { RESERVED_VARIABLES } from '../../../shared/contact-columns.ts';
import { localNumber } from '../contacts/phone/provider-format.ts';

/**
 * Variables every recipient has, whatever list (or paste) it came from. The compose hint promises
 * them ("{phone} is always the recipient's number"), so every provider and mode fills them, and they
 * win over a list column of the same name. Today there is one: `phone`, the recipient's number as
 * people of the default region write it (13912340001 for a Chinese mobile from China, +44… abroad).
 */
export const BUILT_IN_VARIABLES = RESERVED_VARIABLES;

/** Whether any of `used` names a built-in (names are matched case-insensitively, as rendering does). */
export function usesBuiltIns(used: readonly string[]): boolean {
  return used.some((n) => BUILT_IN_VARIABLES.includes(n.toLowerCase()));
}

/** The recipient's variables with the built-ins laid over them. */
export function withBuiltIns(vars: Readonly<Record<string, string>>, e164: string, region: CountryCode): Record<string, string> {
  const out: Record<string, string> = {};
  // A column that spells a built-in in another case must not shadow it in a case-insensitive lookup.
  for (const [k, v] of Object.entries(vars)) if (!BUILT_IN_VARIABLES.includes(k.toLowerCase())) out[k] = v;
  out.phone = localNumber(e164, region);
  return out;
}
