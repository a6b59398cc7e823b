import type { CellObject } from '@e965/xlsx';

/**
 * A spreadsheet cell as the text the user meant. Phone numbers are often stored as numbers:
 * 13812345678 may be a float shown as `1.38123E+10`; this gives back every digit, never an
 * exponent or a trailing `.0`. A cell formatted to keep leading zeros (`00000000000`) keeps them.
 * Dates and currencies keep their formatted text, which is what a message variable should show.
 */
export function integerText(v: number): string {
  return Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
}

const DIGITS_ONLY = /^\s*\d+\s*$/;
const SCIENTIFIC = /e[+-]?\d+\s*$/i;
const GROUPED_DIGITS = /^[\d,\s]+$/;

export function numberCellText(v: number, w: string | undefined): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) {
    if (w !== undefined && DIGITS_ONLY.test(w)) {
      const digits = w.trim();
      // Keep format-supplied leading zeros, but only if they are the same number.
      if (digits.replace(/^0+/, '') === integerText(v).replace(/^0+/, '')) return digits;
    }
    if (w === undefined || SCIENTIFIC.test(w) || GROUPED_DIGITS.test(w)) return integerText(v);
    return w;
  }
  if (w !== undefined && !SCIENTIFIC.test(w)) return w;
  return String(v);
}

export function cellText(cell: CellObject | undefined): string {
  if (cell === undefined || cell === null) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? cell.w ?? '');
    case 'n':
      return typeof cell.v === 'number' ? numberCellText(cell.v, cell.w) : String(cell.w ?? '');
    case 'b':
      return cell.w ?? (cell.v ? 'TRUE' : 'FALSE');
    case 'd':
      return cell.w ?? (cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? ''));
    case 'e':
      return '';
    default:
      return cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
  }
}
