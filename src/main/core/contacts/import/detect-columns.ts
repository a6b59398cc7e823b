import type { CountryCode } from 'libphonenumber-js/max';
import { MAX_IMPORT_COLUMNS, RESERVED_VARIABLES } from '../../../../shared/contact-columns.ts';
import type { ColumnInfo, ColumnMapping } from '../../../../shared/contacts.ts';
import { contactsError } from '../contacts-error.ts';
import { normalisePhone } from '../../../../shared/phone/normalise.ts';
import { isBlankRow, type Grid } from './grid.ts';

/**
 * Finds the header row and the phone column by looking at the cells, not at their names alone:
 * each column is scored by the share of sampled cells that are valid numbers for the region.
 * Title rows above the header ("客户名单 2024") are skipped: the header is the last non-blank row
 * above the first row holding a valid number. Every other column becomes a message variable.
 */
export interface MappingRequest {
  region: CountryCode;
  /** 1-based; 0 = no header; undefined = detect. */
  headerRow?: number;
  phoneColumn?: number;
}


const PHONE_HEADER = /phone|mobile|tel|cell|number|msisdn|手机|电话|号码|联系方式|手機|電話|號碼/i;
const SAMPLE_ROWS = 200;
const MAX_SCORED_COLUMNS = MAX_IMPORT_COLUMNS;

function cell(row: readonly string[] | undefined, c: number): string {
  return row?.[c] ?? '';
}

/** Sanitised, unique variable names: the header text, or colN (1-based) when there is none. */
export function variableNames(headers: readonly string[], skip: number): string[] {
  const used = new Set<string>(RESERVED_VARIABLES);
  return headers.map((h, i) => {
    if (i === skip) return '';
    let base = h
      .normalize('NFKC')
      .trim()
      .replace(/[^\p{L}\p{N}_]+/gu, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40);
    if (base === '') base = `col${i + 1}`;
    else if (/^\p{N}/u.test(base)) base = `col_${base}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function sampleIndexes(grid: Grid, from: number): number[] {
  const out: number[] = [];
  for (let r = from; r < grid.rows.length && out.length < SAMPLE_ROWS; r++) {
    if (!isBlankRow(grid.rows[r])) out.push(r);
  }
  return out;
}

function scoreColumns(grid: Grid, rows: readonly number[], region: CountryCode): number[][] {
  // valid[c][k]: 1 when sample row k holds a valid number in column c
  const valid: number[][] = [];
  for (let c = 0; c < Math.min(grid.columns, MAX_SCORED_COLUMNS); c++) {
    valid.push(rows.map((r) => (normalisePhone(cell(grid.rows[r], c), region).ok ? 1 : 0)));
  }
  return valid;
}

export function detectMapping(grid: Grid, req: MappingRequest): ColumnMapping {
  const sample = sampleIndexes(grid, 0);
  if (sample.length === 0 || grid.columns === 0) {
    throw contactsError('CONTACTS_NO_DATA', 'This file has no rows with data. Check that you picked the right file and sheet.');
  }
  if (req.phoneColumn !== undefined && req.phoneColumn >= grid.columns) {
    throw contactsError(
      'CONTACTS_NO_PHONE_COLUMN',
      `Column ${req.phoneColumn + 1} does not exist: this sheet has ${grid.columns} column(s). Pick another phone column.`,
    );
  }
  const valid = scoreColumns(grid, sample, req.region);

  let headerIndex: number; // 0-based grid row, -1 = none
  if (req.headerRow !== undefined) {
    headerIndex = req.headerRow - 1;
  } else {
    headerIndex = detectHeaderIndex(grid, sample, valid);
  }
  if (!sample.some((r) => r > headerIndex)) {
    throw contactsError('CONTACTS_NO_DATA', 'This file has a header row but no rows below it. Add the numbers under the header and import again.');
  }
  const headerCells = headerIndex >= 0 ? (grid.rows[headerIndex] ?? []) : [];

  let phoneColumn = req.phoneColumn ?? -1;
  const dataSample = sample.map((r, k) => ({ r, k })).filter(({ r }) => r > headerIndex);
  const scoreOf = (c: number) =>
    dataSample.length === 0 ? 0 : dataSample.reduce((s, { k }) => s + (valid[c]?.[k] ?? 0), 0) / dataSample.length;
  if (phoneColumn < 0) {
    let best = -1;
    for (let c = 0; c < Math.min(grid.columns, MAX_SCORED_COLUMNS); c++) {
      const named = PHONE_HEADER.test(cell(headerCells, c)) ? 0.2 : 0;
      const score = scoreOf(c);
      if (score > 0 || named > 0) {
        if (score + named > best) {
          best = score + named;
          phoneColumn = c;
        }
      }
    }
    if (phoneColumn < 0) {
      throw contactsError(
        'CONTACTS_NO_PHONE_COLUMN',
        'No column looks like phone numbers. Check the region, or choose the phone column yourself.',
      );
    }
  }
  const phoneScore = Math.round(scoreOf(phoneColumn) * 1000) / 1000;
  const width = Math.max(Math.min(grid.columns, MAX_IMPORT_COLUMNS), phoneColumn + 1);
  const headers = Array.from({ length: width }, (_, c) => cell(headerCells, c).trim());
  const names = variableNames(headers, phoneColumn);
  const columns: ColumnInfo[] = headers.map((header, index) => ({ index, header, variable: names[index] ?? '' }));
  return { headerRow: headerIndex + 1, phoneColumn, phoneScore, columns };
}

const nonEmpty = (row: readonly string[] | undefined) => (row ?? []).filter((v) => v !== undefined && v.trim() !== '').length;
/** A row with a number-only cell or a run of 5+ digits (spaces/dashes ignored) is data, never a header. */
const looksLikeData = (row: readonly string[] | undefined) =>
  (row ?? []).some((v) => /^\s*[+(]?\d[\d\s().-]*$/.test(v ?? '') || /\d{5,}/.test((v ?? '').replace(/[\s-]/g, '')));

/**
 * The header is found among the rows above the first row holding a valid number (in any column:
 * the phone column may be empty in the first rows). Rows with long digit runs are data. Preferred:
 * the last candidate naming a phone column ("手机", "Mobile"…); else the first candidate as wide as
 * the data (titles are usually one merged cell); else there is no header and those rows are data.
 */
function detectHeaderIndex(grid: Grid, sample: readonly number[], valid: number[][]): number {
  let firstValidK = -1;
  for (let k = 0; k < sample.length && firstValidK < 0; k++) {
    if (valid.some((column) => column[k] === 1)) firstValidK = k;
  }
  if (firstValidK < 0) {
    // No valid number anywhere in the sample: a first row of non-numeric text is the header.
    const first = grid.rows[sample[0] as number] ?? [];
    const textual = first.some((v) => v.trim() !== '' && !/\d/.test(v));
    return textual ? (sample[0] as number) : -1;
  }
  const candidates = sample.slice(0, firstValidK).filter((r) => !looksLikeData(grid.rows[r]));
  const named = candidates.filter((r) => (grid.rows[r] ?? []).some((v) => PHONE_HEADER.test(v ?? '')));
  if (named.length > 0) return named[named.length - 1] as number;
  const width = Math.min(2, nonEmpty(grid.rows[sample[firstValidK] as number]));
  return candidates.find((r) => nonEmpty(grid.rows[r]) >= width) ?? -1;
}
