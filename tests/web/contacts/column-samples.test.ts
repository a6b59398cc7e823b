import { describe, expect, it } from 'vitest';
import type { ImportedContact } from '../../../src/shared/contacts.ts';
import { columnSamples } from '../../../src/renderer/src/screens/contacts/import/column-samples.ts';

const row = (original: string, vars: Record<string, string>): ImportedContact => ({ row: 2, original, e164: `+86${original}`, vars, duplicates: 0, optedOut: false });
const preview = {
  mapping: {
    headerRow: 1,
    phoneColumn: 1,
    phoneScore: 1,
    columns: [
      { index: 0, header: '姓名', variable: '姓名' },
      { index: 1, header: 'Mobile', variable: '' },
      { index: 2, header: 'City', variable: 'City' },
    ],
  },
  rows: [row('13800000001', { 姓名: '张伟', City: '' }), row('13800000002', { 姓名: '  ', City: '上海' }), row('13800000003', { 姓名: '李娜' }), row('13800000004', { 姓名: '王芳', City: '北京' }), row('13800000005', { 姓名: '刘洋', City: '杭州' })],
};

describe('sample values of an import column', () => {
  it('takes the first non-empty values, three by default', () => {
    expect(columnSamples(preview, 0)).toEqual(['张伟', '李娜', '王芳']);
    expect(columnSamples(preview, 2)).toEqual(['上海', '北京', '杭州']);
    expect(columnSamples(preview, 2, 1)).toEqual(['上海']);
  });

  it('shows the phone column as the numbers were written in the file', () => {
    expect(columnSamples(preview, 1, 2)).toEqual(['13800000001', '13800000002']);
  });

  it('has nothing for a column that is empty in the rows shown, or that does not exist', () => {
    expect(columnSamples({ ...preview, rows: [row('13800000001', {})] }, 2)).toEqual([]);
    expect(columnSamples(preview, 9)).toEqual([]);
  });
});
