/** Input files the benchmarks share, made with SheetJS so they are what a spreadsheet program writes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';

/** A contacts .xlsx: a header row (姓名, 手机号, 城市), then `rows` Chinese mobiles 137… with a name and a city. */
export function makeContactsXlsx(dir: string, rows = 100_000): string {
  const aoa: (string | number)[][] = [['姓名', '手机号', '城市']];
  for (let i = 0; i < rows; i++) aoa.push([`客户 ${i}`, 13_700_000_000 + i, i % 2 ? '广州' : '成都']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
  const file = join(dir, `contacts-${rows}.xlsx`);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  return file;
}
