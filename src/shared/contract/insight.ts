import { method } from './define.ts';
import type { FileDownload } from '../contact-lists.ts';
import { insightRangeSchema, type InsightReport } from '../insight.ts';

export const insightMethods = {
  /** Delivery rate and volume per account, port, day and hour, and the campaigns created in the range (kept counts; fast). */
  insightReport: method<InsightReport>()(insightRangeSchema),
  /** The same report as an .xlsx workbook, one sheet per table. */
  insightExport: method<FileDownload>()(insightRangeSchema),
};

export const insightEvents = {};
