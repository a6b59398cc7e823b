import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8, parseEimsInboundRow, parseEimsReportRow, parseEimsReportRows } from '../../../src/main/core/providers/eims/rows.ts';
import { parseEimsPush } from '../../../src/main/core/providers/eims/push.ts';

const CN = 480;
const T = Date.UTC(2017, 9, 1, 4, 30, 15); // 2017-10-01 12:30:15 at UTC+8

describe('EIMS report rows: every shape', () => {
  it('4 fields, seed sample: [id, number, sendTime, status] with numbers as JSON numbers', () => {
    expect(parseEimsReportRow([1, 10010, 20171001123015, 0], 'poll', CN)).toEqual({
      providerId: '1', number: '10010', state: 'sent', sendStatus: 0, providerStatus: '0', at: T, sendTime: T,
    });
    expect(parseEimsReportRow([2, 1008611, 20171001123015, 3], 'poll', CN)?.state).toBe('failed');
  });

  it('4 fields: 1 unsent and 2 sending are still in flight', () => {
    expect(parseEimsReportRow(['5', '8613800000000', '20171001123015', '1'], 'poll', CN)?.state).toBe('submitted');
    expect(parseEimsReportRow([5, '8613800000000', 20171001123015, 2], 'poll', CN)?.state).toBe('submitted');
  });

  it('4 fields: failure codes map to EIMS_SEND_xxxx with a sentence', () => {
    const r = parseEimsReportRow([7, '861', 20171001123015, 1011], 'poll', CN)!;
    expect(r).toMatchObject({ state: 'failed', code: 'EIMS_SEND_1011' });
    expect(r.message).toContain('Black Number');
  });

  it('6 fields: [id, number, sendTime, sendStatus, deliverTime, deliverStatus] for every delivery status', () => {
    const states = [0, 1, 2, 3, 4, 5].map((d) => parseEimsReportRow([1, '861', 20171001123015, 0, 20171001123020, d], 'poll', CN)!);
    expect(states.map((s) => s.state)).toEqual(['sent', 'sent', 'failed', 'delivered', 'expired', 'sent']);
    expect(states[2]?.code).toBe('EIMS_DELIVERY_FAILED');
    expect(states[4]?.code).toBe('EIMS_DELIVERY_TIMEOUT');
    expect(states[5]?.code).toBe('EIMS_DELIVERY_UNKNOWN');
    expect(states[3]?.code).toBeUndefined();
    expect(states[1]?.message).toBe('Sent, not yet delivered.');
    expect(states[3]).toMatchObject({ deliverStatus: 3, deliverTime: T + 5000, at: T + 5000, providerStatus: '0/3' });
  });

  it('6 fields with no deliver time yet (0)', () => {
    const r = parseEimsReportRow([1, '861', 20171001123015, 0, 0, 1], 'poll', CN)!;
    expect(r).toMatchObject({ state: 'sent', deliverStatus: 1 });
    expect(r.deliverTime).toBeUndefined();
  });

  it('5 fields with a text label after sendStatus', () => {
    const r = parseEimsReportRow([3, '861', 20171001123015, 1005, 'Send Refuse'], 'poll', CN)!;
    expect(r).toMatchObject({ state: 'failed', code: 'EIMS_SEND_1005', label: 'Send Refuse' });
    expect(parseEimsReportRow([3, '861', 20171001123015, 0, 'success'], 'poll', CN)).toMatchObject({ state: 'sent', label: 'success' });
  });

  it('7 fields: label, deliver time and deliver status', () => {
    expect(parseEimsReportRow([3, '861', '20171001123015', 0, 'DELIVRD', 20171001123016, 3], 'poll', CN)).toMatchObject({
      state: 'delivered', label: 'DELIVRD', deliverTime: T + 1000,
    });
  });

  it('Unix-second and dashed times are read too', () => {
    expect(parseEimsReportRow([1, '861', 1506832215, 0], 'poll', CN)?.sendTime).toBe(T);
    expect(parseEimsReportRow([1, '861', '2017-10-01 12:30:15', 0, '2017-10-01 12:30:16', 3], 'poll', CN)).toMatchObject({ sendTime: T, deliverTime: T + 1000, state: 'delivered' });
  });

  it('push rows: [id, number, time, result, cause]; 0 is final (delivered), a delivery timeout expired, any other failed', () => {
    expect(parseEimsReportRow([1, '1234545456', 20180801123015, 0, 'success'], 'push', CN)?.state).toBe('delivered');
    // A delivery timeout means the same on every path: expired, with the poll's code and sentence.
    const poll = parseEimsReportRow([3, '861', 20171001123015, 0, 20171001123020, 4], 'poll', CN)!;
    for (const row of [[3, '861', 20180801123015, 4, 'deliver timeout'], [3, '861', 20180801123015, 9, 'DeliveryTimeout'], [3, '861', 20180801123015, 1, 'EXPIRED']]) {
      expect(parseEimsReportRow(row, 'push', CN)).toMatchObject({ state: 'expired', code: poll.code, message: poll.message });
    }
    // "Send Timeout" is a send failure, not a delivery timeout.
    expect(parseEimsReportRow([3, '861', 20180801123015, 1006, 'Send Timeout'], 'push', CN)?.state).toBe('failed');
    // A push in getreport's long shape keeps its own delivery status.
    expect(parseEimsReportRow([3, '861', 20180801123015, 0, 20180801123020, 1], 'push', CN)?.state).toBe('sent');
    const f = parseEimsReportRow([2, '2356844545', 20180801223015, 1, 'no balance'], 'push', CN)!;
    expect(f).toMatchObject({ state: 'failed', code: 'EIMS_PUSH_FAILED' });
    expect(f.message).toContain('no balance');
  });

  it('rejects rows that are not reports, keeping them as unreadable', () => {
    for (const bad of [null, 'x', [1, 2, 3], [null, '1', 1, 0], [1, '1', 1, 'sent']]) expect(parseEimsReportRow(bad, 'poll', CN)).toBeNull();
    const { reports, unreadable } = parseEimsReportRows([[1, '1', 20171001123015, 0], 'junk'], 'poll', CN);
    expect(reports).toHaveLength(1);
    expect(unreadable).toEqual(['junk']);
  });
});

describe('EIMS pushes', () => {
  it('parses the documented push body', () => {
    const p = parseEimsPush({ type: 'report', cnt: 2, array: [[1, '1234545456', 20180801123015, 0, 'success'], [2, '2356844545', 20180801223015, 1, 'no balance']] }, CN)!;
    expect(p.reports.map((r) => [r.providerId, r.state])).toEqual([['1', 'delivered'], ['2', 'failed']]);
    expect(p.oversized).toBe(false);
  });

  it('accepts a JSON string, 6-field rows, and flags more than 50 rows', () => {
    const rows = Array.from({ length: 51 }, (_, i) => [i, '861', 20180801123015, 0, 20180801123016, 3]);
    const p = parseEimsPush(JSON.stringify({ type: 'report', cnt: 51, array: rows }), CN)!;
    expect(p.reports.every((r) => r.state === 'delivered')).toBe(true);
    expect(p.oversized).toBe(true);
  });

  it('returns null for something that is not a push', () => {
    expect(parseEimsPush('<html>', CN)).toBeNull();
    expect(parseEimsPush({ hello: 1 }, CN)).toBeNull();
  });
});

describe('EIMS inbound rows', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

  it('decodes base64 UTF-8 content', () => {
    expect(parseEimsInboundRow([1, 10010, 20171001123015, b64('你好 STOP')], CN)).toEqual({
      providerId: '1', from: '10010', text: '你好 STOP', decoded: true, receivedAt: T,
    });
  });

  it('accepts URL-safe base64 without padding and an extra middle cell', () => {
    const text = '??>>~~ é';
    const urlSafe = b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(parseEimsInboundRow([2, '8613', '8610086', 20171001123015, urlSafe], CN)).toMatchObject({ text, to: '8610086', receivedAt: T });
  });

  it('keeps content that is not base64 UTF-8 as received (never loses it)', () => {
    expect(parseEimsInboundRow([3, '1', 20171001123015, 'hello world!'], CN)).toMatchObject({ text: 'hello world!', decoded: false });
    expect(decodeBase64Utf8(Buffer.from([0xff, 0xfe]).toString('base64'))).toBeUndefined();
  });

  it('rejects rows without id or sender', () => {
    expect(parseEimsInboundRow([null, '1', 1, 'eA=='], CN)).toBeNull();
    expect(parseEimsInboundRow({ id: 1 }, CN)).toBeNull();
  });
});
