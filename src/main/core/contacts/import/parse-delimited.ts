import type { CsvDelimiter } from '../../../../shared/contacts.ts';
import { contactsError, throwIfAborted } from '../contacts-error.ts';
import type { Grid } from './grid.ts';

/**
 * CSV / TSV / one-number-per-line text → Grid. RFC 4180 quoting (quotes double, fields may hold
 * newlines), any line ending, Excel's `sep=;` first line. Written by hand because it is the hot
 * path for million-row lists and must stop at the row cap and on cancel.
 */
export interface DelimitedOptions {
  delimiter?: CsvDelimiter;
  maxRows: number;
  signal?: AbortSignal;
  onRows?: (done: number) => void;
}

export interface DelimitedResult {
  grid: Grid;
  delimiter: CsvDelimiter | 'none';
}

const CANDIDATES: readonly CsvDelimiter[] = ['\t', ';', ',', '|'];

/** Picks the delimiter that appears the same non-zero number of times on most sample lines. */
export function detectDelimiter(text: string): CsvDelimiter | 'none' {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < 50 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') lines.push(line.replace(/"[^"]*"/g, '""'));
    start = end + 1;
  }
  let best: CsvDelimiter | 'none' = 'none';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const c = line.split(d).length - 1;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let modeCount = 0;
    let modeLines = 0;
    for (const [c, n] of counts) {
      if (c > 0 && n > modeLines) {
        modeCount = c;
        modeLines = n;
      }
    }
    if (modeCount === 0) continue;
    // Share of lines agreeing on the count, lightly favouring more columns.
    const score = modeLines / lines.length + Math.min(modeCount, 10) * 0.001;
    if (modeLines / lines.length >= 0.5 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Longest quoted field accepted; a stray quote must not swallow the rest of the file. */
const MAX_QUOTED = 32 * 1024;

/** Index of the quote closing the field opened at `open`, or -1 (unterminated or implausibly long: the quote is then literal). */
function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0 || q - open > MAX_QUOTED) return -1;
    if (text.charCodeAt(q + 1) === 34) {
      j = q + 2;
      continue;
    }
    return q;
  }
}

function tooManyRows(max: number): Error {
  return contactsError(
    'CONTACTS_TOO_MANY_ROWS',
    `This file has more than ${max.toLocaleString('en-US')} rows. Split it into smaller files and import them one by one.`,
  );
}

/**
 * The rows of delimited text one at a time (a blank line is `undefined`), so a million-row file is never
 * held as a grid: the import reads a head for column detection and streams the rest (engine.ts).
 */
export function readDelimited(input: string, opts: DelimitedOptions): { delimiter: CsvDelimiter | 'none'; rows: Generator<string[] | undefined> } {
  let text = input;
  let delimiter: CsvDelimiter | 'none' | undefined = opts.delimiter;
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep) {
    if (delimiter === undefined && CANDIDATES.includes(sep[1] as CsvDelimiter)) delimiter = sep[1] as CsvDelimiter;
    text = text.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(text);
  return { delimiter, rows: rowsOf(text, delimiter, opts) };
}

function* rowsOf(text: string, delimiter: CsvDelimiter | 'none', opts: DelimitedOptions): Generator<string[] | undefined> {
  const d = delimiter === 'none' ? -1 : delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const limit = opts.maxRows + 1; // + a header row
  let count = 0;
  let row: string[] = [];
  const len = text.length;
  let i = 0;
  const finish = (): string[] | undefined => {
    const blank = row.length === 1 && row[0] === '';
    const out = blank ? undefined : row;
    row = [];
    count++;
    if (count > limit) throw tooManyRows(opts.maxRows);
    if ((count & 0xffff) === 0) {
      throwIfAborted(opts.signal);
      opts.onRows?.(count);
    }
    return out;
  };
  while (i < len) {
    // One field starts at i.
    const closing = text.charCodeAt(i) === QUOTE ? closingQuote(text, i) : -1;
    if (closing >= 0) {
      let value = text.slice(i + 1, closing).replaceAll('""', '"');
      // Anything between the closing quote and the delimiter is kept (lenient, like Excel).
      let k = closing + 1;
      while (k < len) {
        const c = text.charCodeAt(k);
        if (c === d || c === LF || c === CR) break;
        k++;
      }
      value += text.slice(closing + 1, k);
      row.push(value);
      i = k;
    } else {
      let k = i;
      while (k < len) {
        const c = text.charCodeAt(k);
        if (c === d || c === LF || c === CR) break;
        k++;
      }
      row.push(text.slice(i, k));
      i = k;
    }
    if (i >= len) break;
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= len) row.push('');
      continue;
    }
    // Line end: CRLF, LF or lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    yield finish();
  }
  if (row.length > 0) yield finish();
  opts.onRows?.(count);
}

/** The whole text as a grid (trailing blank lines dropped). */
export function parseDelimited(input: string, opts: DelimitedOptions): DelimitedResult {
  const { delimiter, rows: reader } = readDelimited(input, opts);
  const rows: Array<string[] | undefined> = [];
  let columns = 0;
  for (const row of reader) {
    rows.push(row);
    if (row && row.length > columns) columns = row.length;
  }
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  return { grid: { rows, columns }, delimiter };
}
