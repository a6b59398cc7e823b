import type { SendAccepted, SendRejected, SendResult } from '../types.ts';

/** Digits only, for matching numbers the platform echoes back (it may drop '+' or send them as JSON numbers). */
const digits = (n: string) => n.replace(/\D/g, '');

/**
 * Matches the send reply's `array: [[number, id], ...]` to the numbers we sent. Every requested number
 * without an id counts as rejected by the platform (`fail`). Rows are read as [number, id]; a row whose
 * second cell is a requested number and first is not is read the other way round.
 */
export function matchAccepted(requested: readonly string[], rows: readonly (readonly (string | number)[])[]): SendResult {
  const pending = Map.groupBy(requested, digits);
  const accepted: SendAccepted[] = [];
  for (const row of rows) {
    if (row.length < 2) continue;
    let num = String(row[0]);
    let id = String(row[1]);
    if (!pending.has(digits(num)) && pending.has(digits(id))) [num, id] = [id, num];
    const list = pending.get(digits(num));
    const original = list?.shift();
    accepted.push({ number: original ?? num, providerId: id });
  }
  const rejected: SendRejected[] = [];
  for (const list of pending.values()) {
    for (const n of list) {
      rejected.push({
        number: n,
        code: 'EIMS_NUMBER_REJECTED',
        message: 'EIMS did not accept this number (no id returned). Check the number; it was not sent.',
      });
    }
  }
  return { accepted, rejected };
}
