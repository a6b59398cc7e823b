import { describe, expect, it } from 'vitest';
import { readSendData } from '../../../src/main/core/providers/gsmbox/client.ts';
import { lenientDecode, parseBoxPush, queryOf, splitBoxQuery } from '../../../src/main/core/providers/gsmbox/push-query.ts';
import { boxError, isBoxSuccess } from '../../../src/main/core/providers/gsmbox/reply.ts';
import { listOf, outboxState, parseOutbox, parsePorts } from '../../../src/main/core/providers/gsmbox/rows.ts';

const names = {
  url_from_num: 'phonenumber', url_to_num: 'port', url_portname: 'portname', url_message: 'message',
  url_time: 'time', url_imsi: 'imsi', url_status: 'status', url_user_defined: 'token=s3cret',
};

describe('box replies', () => {
  it('success is 200 or 0', () => {
    expect([200, 0, 500, 401].map(isBoxSuccess)).toEqual([true, true, false, false]);
  });

  it('classifies errors and shows the box msg without secrets', () => {
    expect(boxError(401, 'Authentication failed', [])).toMatchObject({ code: 'GSMBOX_AUTH', kind: 'auth' });
    expect(boxError(500, 'wrong password hunter2', ['hunter2']).message).not.toContain('hunter2');
    expect(boxError(503, 'Port is busy', [])).toMatchObject({ code: 'GSMBOX_PORT_BUSY', kind: 'limit', outcome: 'not-sent' });
    const e = boxError(400, 'Invalid spans', []);
    expect(e).toMatchObject({ code: 'GSMBOX_ERROR', providerCode: 400, kind: 'permanent' });
    expect(e.message).toContain('“Invalid spans”');
    expect(boxError(500, null, []).kind).toBe('transient');
  });
});

describe('box rows', () => {
  it('maps outbox statuses, including the DELIVERD spelling', () => {
    expect(['FAILED', 'SENT', 'DELIVERD', 'delivered', 'queued'].map(outboxState)).toEqual(['failed', 'sent', 'delivered', 'delivered', 'unknown']);
  });

  it('reads lists plain or wrapped, and ports with ints as strings', () => {
    expect(listOf({ list: [1] })).toEqual([1]);
    expect(listOf({ nothing: 1 })).toBeUndefined();
    expect(parsePorts([{ port: '2', port_name: 'gsm-1.2', status: '1' }])).toEqual([{ port: 2, name: 'gsm-1.2', available: true }]);
    expect(parsePorts({ rows: [{ port: 3, status: 0 }] })).toEqual([{ port: 3, name: 'Port 3', available: false }]);
    expect(parsePorts([{ port: 'x', status: 1 }])).toBeUndefined();
  });

  it('reads outbox rows (time in the box zone) and keeps unreadable rows aside', () => {
    const r = parseOutbox(
      [{ port_name: 'gsm-1.1', phonenumber: 13800000000, time: '2024-03-26 10:00:00', message: 'hi', status: 'SENT' }, { nope: 1 }],
      0,
    )!;
    expect(r.entries).toEqual([{ portName: 'gsm-1.1', number: '13800000000', rawTime: '2024-03-26 10:00:00', at: Date.UTC(2024, 2, 26, 10), message: 'hi', status: 'SENT', state: 'sent' }]);
    expect(r.unreadable).toEqual([{ nope: 1 }]);
    expect(parseOutbox(null, 0)).toEqual({ entries: [], unreadable: [] });
    expect(parseOutbox('garbage', 0)).toBeUndefined();
  });

  it('reads the undocumented send reply on a best-effort basis', () => {
    expect(readSendData([{ id: 5, status: 'Sent' }], true)).toEqual({ providerId: '5', state: 'sent' });
    expect(readSendData({ sms_id: 'a1', result: 'FAILED' }, true)).toEqual({ providerId: 'a1', state: 'failed' });
    expect(readSendData({ id: 5, status: 'Sent' }, false)).toEqual({ providerId: '5', state: 'submitted' });
    expect(readSendData(null, true)).toEqual({ providerId: null, state: 'submitted' });
  });
});

describe('box push queries', () => {
  it('finds the query in a raw request line, from text or bytes', () => {
    expect(queryOf('GET /p?a=1&b=2 HTTP/1.1\r\nHost: x')).toBe('a=1&b=2');
    expect(queryOf(Buffer.from('GET /p?m=你好 HTTP/1.1', 'utf8'))).toBe('m=你好');
    expect(queryOf('/p?x=1')).toBe('x=1');
    expect(queryOf('GET /p HTTP/1.1')).toBe('');
  });

  it('decodes %20 and valid %XX runs, leaves stray % and + alone', () => {
    expect(lenientDecode('a%20b+c%2Bd 100%')).toBe('a b+c+d 100%');
    expect(lenientDecode('%E4%BD%A0%E5%A5%BD')).toBe('你好');
    expect(lenientDecode('%E4%BD')).toBe('%E4%BD');
  });

  it('treats "&" inside the message as text, by known names, and checks the user-defined token', () => {
    const q = 'phonenumber=+8613900000001&port=2&portname=gsm-1.2&message=Tom&Jerry port=5&x=1&port=9&time=2024-03-26%2010:00:00&imsi=460&token=s3cret';
    const { fields, tokenOk } = splitBoxQuery(q, names);
    expect(fields.get('message')).toBe('Tom&Jerry port=5&x=1&port=9');
    expect(fields.get('port')).toBe('2');
    expect(fields.get('time')).toBe('2024-03-26 10:00:00');
    expect(tokenOk).toBe(true);
    expect(splitBoxQuery('phonenumber=1&message=x', names).tokenOk).toBe(false);
  });

  it('parses inbound, result and report pushes', () => {
    const inbound = parseBoxPush('GET /sms?phonenumber=10086&port=1&portname=gsm-1.1&message=a+b/c:d&time=2024/03/26%2010:00:00&imsi=460&token=s3cret HTTP/1.1', names, 0);
    expect(inbound).toEqual({ type: 'inbound', from: '10086', port: '1', portName: 'gsm-1.1', text: 'a+b/c:d', at: Date.UTC(2024, 2, 26, 10), imsi: '460', tokenOk: true });
    const result = parseBoxPush('phonenumber=+861&port=3&id=77&imsi=4&message=&time=2024-03-26%2010:00:01&type=SMS-Status-Result&status=Fail', names, 0);
    expect(result).toMatchObject({ type: 'result', number: '+861', port: '3', id: '77', sent: false, rawStatus: 'Fail', tokenOk: false });
    const report = parseBoxPush(
      'phonenumber=+861&port=3&imsi=4&message=&time=2024-03-26%2010:00:05&type=SMS-Status-Report&status=Message%20not%20received%20on%20handset&cause=Absent%20subscriber&token=s3cret',
      names,
      0,
    );
    expect(report).toMatchObject({ type: 'report', outcome: 'failed', cause: 'Absent subscriber', tokenOk: true });
    expect(parseBoxPush('phonenumber=1&type=SMS-Status-Report&status=Message%20received%20on%20handset', names, 0)).toMatchObject({ outcome: 'delivered' });
    // Not received because the SMSC's validity ran out: expired, as a delivery timeout is on every path.
    expect(parseBoxPush('phonenumber=1&type=SMS-Status-Report&status=Message%20not%20received%20on%20handset&cause=EXPIRED', names, 0)).toMatchObject({ outcome: 'expired' });
  });

  it('returns null without a sender or with an unknown type', () => {
    expect(parseBoxPush('port=1&message=x', names, 0)).toBeNull();
    expect(parseBoxPush('phonenumber=1&type=Other', names, 0)).toBeNull();
  });
});
