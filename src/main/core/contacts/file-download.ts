import { Writable } from 'node:stream';
import type { ExportFormat, FileDownload } from '../../../shared/contact-lists.ts';
import { writeCsv } from './export/csv-writer.ts';
import type { ExportTable } from './export/table.ts';
import { writeXlsx, writeXlsxSheets, type ReportSheet } from './export/xlsx-writer.ts';

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `Lists: VIP/2026` → `Lists_ VIP_2026`: a name every OS accepts. */
export function safeFileName(base: string): string {
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 100);
  return cleaned === '' ? 'export' : cleaned;
}

async function csvBytes(table: ExportTable): Promise<{ bytes: Buffer; rows: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      done();
    },
  });
  const rows = await writeCsv(table, sink);
  return { bytes: Buffer.concat(chunks), rows };
}

/** Writes a table with the engine's writers and packs it for the renderer to save (Blob download). */
export async function tableDownload(table: ExportTable, format: ExportFormat, baseName: string, sheetName?: string): Promise<FileDownload> {
  const fileName = `${safeFileName(baseName)}.${format}`;
  if (format === 'csv') {
    const { bytes, rows } = await csvBytes(table);
    return { fileName, mime: MIME.csv, base64: bytes.toString('base64'), rows };
  }
  let rows = 0;
  const counted: ExportTable = {
    headers: table.headers,
    rows: (async function* () {
      for await (const r of table.rows) {
        rows++;
        yield r;
      }
    })(),
  };
  const bytes = await writeXlsx(counted, { sheetName });
  return { fileName, mime: MIME.xlsx, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), rows };
}

/** A small report of several sheets as an .xlsx download. */
export function reportDownload(sheets: readonly ReportSheet[], baseName: string): FileDownload {
  const bytes = writeXlsxSheets(sheets);
  const rows = sheets.reduce((n, sh) => n + sh.rows.length, 0);
  return { fileName: `${safeFileName(baseName)}.xlsx`, mime: MIME.xlsx, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), rows };
}
