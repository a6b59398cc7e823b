import { readZipDirectory, verifyZipEntries } from '../../../../src/main/core/contacts/import/zip-guard.ts';
import { makeZip } from '../../../helpers/zip-writer.ts';

/** Rewrites a zip with some parts replaced or added (test helper for hand-made .xlsx XML). */
export default function replaceParts(zip: Uint8Array, replace: Record<string, string>): Uint8Array {
  const current = verifyZipEntries(zip, readZipDirectory(zip), { keep: () => true });
  const parts = new Map<string, Uint8Array>(current);
  const enc = new TextEncoder();
  for (const [name, xml] of Object.entries(replace)) parts.set(name, enc.encode(xml));
  return makeZip([...parts].map(([name, data]) => ({ name, data })));
}
