/**
 * A sheet as text: `rows[i]` is the row Excel shows as number i + 1 (undefined or [] when blank).
 * Every reader (CSV, xls, xlsx) produces this, so column detection and normalisation see one shape.
 */
export interface Grid {
  rows: Array<string[] | undefined>;
  /** Widest row. */
  columns: number;
}

export function isBlankRow(row: readonly string[] | undefined): boolean {
  if (row === undefined) return true;
  for (const cell of row) if (cell !== undefined && cell.trim() !== '') return false;
  return true;
}
