/**
 * The first few non-empty values of each column, for the Columns step: taken from the preview's rows
 * (the first valid contacts as they will be imported) — the phone column shows the numbers as they
 * were in the file, every other column the text of its variable.
 */
import type { ImportPreview } from '../../../../../shared/contacts.ts';

export function columnSamples(preview: Pick<ImportPreview, 'mapping' | 'rows'>, columnIndex: number, count = 3): string[] {
  const column = preview.mapping.columns.find((c) => c.index === columnIndex);
  if (!column) return [];
  const phone = columnIndex === preview.mapping.phoneColumn;
  const samples: string[] = [];
  for (const row of preview.rows) {
    const value = (phone ? row.original : (row.vars[column.variable] ?? '')).trim();
    if (value !== '') samples.push(value);
    if (samples.length === count) break;
  }
  return samples;
}
