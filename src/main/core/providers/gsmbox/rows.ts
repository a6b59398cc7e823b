import { parseProviderTime } from '../provider-time.ts';
import type { DeliveryState, PortInfo } from '../types.ts';
import { outboxRow, portRow } from './schemas.ts';

/** Row parsers for the box: ports and outbox rows, tolerant of ints-as-strings and wrapped lists. */

export interface OutboxEntry {
  portName: string;
  number: string;
  /** Epoch ms (box local time read with the configured offset), when readable. */
  at?: number;
  rawTime: string;
  message: string;
  /** The box's own word: FAILED, SENT, DELIVERD (sic). */
  status: string;
  state: DeliveryState;
}

export function outboxState(status: string): DeliveryState {
  const s = status.trim().toUpperCase();
  if (s === 'DELIVERD' || s === 'DELIVERED') return 'delivered';
  if (s === 'SENT') return 'sent';
  if (s === 'FAILED' || s === 'FAIL') return 'failed';
  return 'unknown';
}

/** A list may come as `data: [...]` or wrapped in an object (`data: {list: [...]}`, `{total, rows: [...]}`...). */
export function listOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === 'object') {
    const obj = data as Record<string, unknown>;
    for (const key of ['list', 'rows', 'data', 'records', 'items', 'sms']) {
      const v = obj[key];
      if (Array.isArray(v)) return v;
    }
    // Any other wrapper key (e.g. {total, page, smses: [...]}): the only array inside is the list.
    const arrays = Object.values(obj).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0] as unknown[];
  }
  return undefined;
}

export function parsePorts(data: unknown): PortInfo[] | undefined {
  const list = listOf(data);
  if (!list) return undefined;
  const out: PortInfo[] = [];
  for (const row of list) {
    const r = portRow.safeParse(row);
    if (!r.success) return undefined;
    out.push({ port: r.data.port, name: r.data.port_name ?? `Port ${r.data.port}`, available: r.data.status === 1 });
  }
  return out;
}

export function parseOutbox(data: unknown, utcOffsetMinutes: number): { entries: OutboxEntry[]; unreadable: unknown[] } | undefined {
  const list = data === null || data === undefined || data === '' ? [] : listOf(data);
  if (!list) return undefined;
  const entries: OutboxEntry[] = [];
  const unreadable: unknown[] = [];
  for (const row of list) {
    const r = outboxRow.safeParse(row);
    if (!r.success) {
      unreadable.push(row);
      continue;
    }
    const e: OutboxEntry = {
      portName: r.data.port_name,
      number: r.data.phonenumber,
      rawTime: r.data.time ?? '',
      message: r.data.message ?? '',
      status: r.data.status,
      state: outboxState(r.data.status),
    };
    const at = parseProviderTime(r.data.time, utcOffsetMinutes);
    if (at !== undefined) e.at = at;
    entries.push(e);
  }
  return { entries, unreadable };
}
