import * as XLSX from '@e965/xlsx';
import { numberCellText } from './cell-text.ts';

/**
 * A number cell's text under its number format, as SheetJS writes `cell.w` — shared by the lean
 * .xlsx and .xls readers. `date1904`: the workbook counts dates from 1904-01-01 (Mac Excel and
 * Numbers files; .xlsx `workbookPr date1904`, BIFF `DATE1904` record), so serial 1 is 1904-01-02.
 */
export function formatNumberCell(v: number, code: string | number, date1904: boolean): string {
  let w: string | undefined;
  try {
    w = XLSX.SSF.format(code, v, date1904 ? { date1904: true } : undefined);
  } catch {
    w = undefined;
  }
  return numberCellText(v, w);
}

/**
 * Built-in number formats SheetJS's .xlsx reader fills in for ids its format table lacks (its
 * `SSFImplicit`, which the package does not export; copied from @e965/xlsx 0.20.3, Apache-2.0).
 * Without them the lean reader showed a time cell of format 32 (`h"时"mm"分"` in Chinese Excel) as
 * the raw serial where SheetJS shows "1:01:01" (found by tests/unit/contacts/real-files.test.ts).
 */
const IMPLICIT: Readonly<Record<number, string>> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  23: 'General', 24: 'General', 25: 'General', 26: 'General',
  27: 'm/d/yy', 28: 'm/d/yy', 29: 'm/d/yy', 30: 'm/d/yy', 31: 'm/d/yy',
  32: 'h:mm:ss', 33: 'h:mm:ss', 34: 'h:mm:ss', 35: 'h:mm:ss',
  36: 'm/d/yy',
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
  50: 'm/d/yy', 51: 'm/d/yy', 52: 'm/d/yy', 53: 'm/d/yy', 54: 'm/d/yy',
  55: 'm/d/yy', 56: 'm/d/yy', 57: 'm/d/yy', 58: 'm/d/yy',
  59: '0', 60: '0.00', 61: '#,##0', 62: '#,##0.00',
  63: '"$"#,##0_);\\("$"#,##0\\)',
  64: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  65: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  66: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  67: '0%', 68: '0.00%', 69: '# ?/?', 70: '# ??/??',
  71: 'm/d/yy', 72: 'm/d/yy', 73: 'd-mmm-yy', 74: 'd-mmm', 75: 'mmm-yy',
  76: 'h:mm', 77: 'h:mm:ss', 78: 'm/d/yy h:mm', 79: 'mm:ss', 80: '[h]:mm:ss', 81: 'mmss.0',
};

/** The format an .xlsx style id stands for: the workbook's own code, SheetJS's table, or its implicit fill-in. */
export function xlsxFormatCode(id: number, custom: ReadonlyMap<number, string> | undefined): string | number {
  const own = custom?.get(id);
  if (own !== undefined) return own;
  if (XLSX.SSF.get_table()[id] !== undefined) return id;
  return IMPLICIT[id] ?? 'General';
}

