/**
 * Formula injection in exports: Excel, LibreOffice and Google Sheets run a cell that starts with `=`,
 * `+`, `-` or `@` as a formula — when a CSV is opened, or when an .xlsx text cell is edited — and some
 * strip a leading tab or CR first. Exported cells carry text from outside (imported variables, message
 * texts, provider error sentences), so every cell that starts so is written with a leading apostrophe,
 * which shows the text as it is. The only exception is a cell that is wholly a number or a phone number
 * (`+8613800138000`, `-5`, `+86 138 0013 8000`): it cannot run anything, and phone numbers must stay
 * as they are. (`-1+cmd|…`, `+1+WEBSERVICE(…)` start like numbers but are not wholly one.)
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_OR_PHONE = /^[+-]?[\d\s]+$/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !NUMBER_OR_PHONE.test(value) ? `'${value}` : value;
}
