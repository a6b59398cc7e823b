import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';

/**
 * Codepage tables: legacy .xls (BIFF2–5) store text in the file's codepage (936/GBK for Chinese
 * Excel). Without them SheetJS's ESM build misreads such strings, and a damaged BIFF2 file sent
 * it into a multi-second loop (found by fuzzing); with them both read correctly and fast.
 * A module of its own because evaluating the tables takes ~100 ms: the import worker loads it
 * only for files that may need SheetJS (not for a zip, which the lean .xlsx reader handles).
 */
XLSX.set_cptable(cptable);

export const CODEPAGES_LOADED = true;
