import type { Writable } from 'node:stream';
import { neutraliseFormula } from './formula-guard.ts';
import type { ExportTable } from './table.ts';

/**
 * Streams a table to CSV: UTF-8 with a BOM (so Excel opens Chinese text correctly), CRLF line
 * ends, RFC 4180 quoting, backpressure respected, and cells that Excel would run as formulas
 * prefixed with `'` (formula-guard.ts). Memory stays flat: rows are buffered in ~64 KB chunks.
 */
export interface CsvWriteOptions {
  bom?: boolean;
  delimiter?: ',' | ';' | '\t';
}

export function csvField(value: string, delimiter = ','): string {
  const v = neutraliseFormula(value);
  if (v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r') || /^\s|\s$/.test(v)) {
    return `"${v.replace(/"/g, '""')}"`;
  }
  return v;
}

function drain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      out.off('drain', onDrain);
      reject(err);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

/** Writes the table and resolves with the number of data rows; does not end the stream. */
export async function writeCsv(table: ExportTable, out: Writable, opts: CsvWriteOptions = {}): Promise<number> {
  const d = opts.delimiter ?? ',';
  const line = (cells: readonly string[]) => cells.map((c) => csvField(c, d)).join(d) + '\r\n';
  let chunk = (opts.bom ?? true ? '\ufeff' : '') + line(table.headers);
  let count = 0;
  const flush = async () => {
    if (chunk === '') return;
    const ok = out.write(chunk, 'utf8');
    chunk = '';
    if (!ok) await drain(out);
  };
  for await (const row of table.rows) {
    chunk += line(row);
    count++;
    if (chunk.length >= 64 * 1024) await flush();
  }
  await flush();
  return count;
}
