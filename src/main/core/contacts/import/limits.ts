/**
 * Resource guards for imports. A desktop app must never hang or eat all memory on a bad file:
 * every stage checks these before doing work proportional to the input.
 */
export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most data rows accepted (header excluded). */
  maxRows: number;
  /** xlsx: the most the zip may declare it expands to, in bytes (all entries). */
  maxUncompressedBytes: number;
  /** xlsx: largest declared uncompressed/compressed ratio accepted for an entry bigger than 1 MiB. */
  maxCompressionRatio: number;
}

/** No part of a zip is ever inflated past this, whatever limits a caller passes (zip-guard.ts). */
export const ZIP_PART_HARD_CAP = 600 * 1024 * 1024;

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 2_000_000,
  maxUncompressedBytes: ZIP_PART_HARD_CAP,
  maxCompressionRatio: 250,
};

export function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
