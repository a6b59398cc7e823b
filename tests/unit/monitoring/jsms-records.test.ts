import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundInput } from '../../../src/main/core/monitoring/inbound-store.ts';
import { jsmsReplyInput, jsmsReplyInputs, jsmsReportInput, jsmsReportInputs } from '../../../src/main/core/monitoring/jsms-records.ts';
import { handlePush } from '../../../src/main/core/monitoring/push-intake.ts';
import type { ReportInput } from '../../../src/main/core/monitoring/report-ingest.ts';

const NOW = 1_700_000_500_000;

describe('JSMS report and reply records', () => {
  it('maps 4001 to delivered and any other status to failed with its code, by msg_id within the account', () => {
    expect(jsmsReportInput({ msgId: 274887115920, status: 4001, phone: '13800000001', receiveTime: 1700000000 }, 'acc', 'poll')).toEqual({
      match: { by: 'provider-id', accountId: 'acc', providerId: '274887115920', number: '13800000001', settleUnknownByNumber: true },
      state: 'delivered',
      source: 'poll',
      providerCode: '4001',
      detail: 'JSMS report 4001',
    });
    expect(jsmsReportInput({ msgId: '9', status: '4003' }, 'acc', 'push')).toEqual({
      match: { by: 'provider-id', accountId: 'acc', providerId: '9' },
      state: 'failed',
      source: 'push',
      code: 'JSMS_REPORT_4003',
      message: 'JSMS reports the message was not delivered (status 4003).',
      providerCode: '4003',
      detail: 'JSMS report 4003',
    });
  });

  it('maps a reply to an inbound SMS; replyTime in seconds or ms, else now', () => {
    expect(jsmsReplyInput({ phone: '13800000001', content: '退订', replyTime: 1700000001 }, 'acc', 'poll', NOW)).toEqual({
      accountId: 'acc',
      dedupeKey: '13800000001|1700000001|退订',
      from: '13800000001',
      text: '退订',
      port: null,
      receivedAt: 1_700_000_001_000,
      source: 'poll',
    });
    expect(jsmsReplyInput({ phone: '1', content: 'x', replyTime: 1_700_000_002_000 }, 'acc', 'poll', NOW)?.receivedAt).toBe(1_700_000_002_000);
    expect(jsmsReplyInput({ phone: '1', content: 'x' }, 'acc', 'push', NOW)).toMatchObject({ receivedAt: NOW, dedupeKey: '1||x', source: 'push' });
  });

  it('skips garbage items and keeps the readable ones', () => {
    const reports = [null, 'x', 7, [], {}, { msgId: '1' }, { status: 4001 }, { msgId: {}, status: 4001 }, { msgId: '2', status: 'abc' }, { msgId: '3', status: 4001 }, { msgId: '4', status: 4.5 }];
    expect(jsmsReportInputs(reports, 'acc', 'poll').map((r) => r.match)).toEqual([{ by: 'provider-id', accountId: 'acc', providerId: '3' }]);
    const replies = [null, {}, { phone: '', content: 'x' }, { phone: '1' }, { phone: '1'.repeat(33), content: 'x' }, { phone: '2', content: 'ok' }, { phone: '3', content: 'y'.repeat(2001) }];
    expect(jsmsReplyInputs(replies, 'acc', 'poll', NOW).map((r) => r.from)).toEqual(['2']);
    expect(jsmsReportInput(undefined, 'acc', 'poll')).toBeNull();
    expect(jsmsReplyInput(undefined, 'acc', 'poll', NOW)).toBeNull();
  });

  it('gives exactly what a signed push of the same records gives today (push-intake can switch to it)', () => {
    const account = { id: 'acc', kind: 'jsms' as const, name: 'J', baseUrl: 'http://x', appKey: 'k', devKey: undefined, pullReports: false };
    const run = (type: string, data: unknown[]) => {
      const reports: ReportInput[] = [];
      const inbound: InboundInput[] = [];
      const signature = createHash('sha1').update('appKey=k&appMasterSecret=s&nonce=n&timestamp=1').digest('hex');
      const body = new URLSearchParams({ nonce: 'n', timestamp: '1', signature, type, data: JSON.stringify(data) }).toString();
      const reply = handlePush(
        { source: 'jsms', accountId: 'acc', method: 'POST', target: '/push/t/jsms/acc', body: Buffer.from(body), contentType: 'application/x-www-form-urlencoded', remote: '127.0.0.1' },
        { account: () => account, secret: () => 's', now: () => NOW, reports: (r) => reports.push(...r), inbound: (i) => inbound.push(...i) },
      );
      expect(reply.status).toBe(200);
      return { reports, inbound };
    };
    const reportItems = [{ msgId: 5, status: 4001 }, { msgId: '6', status: '4100', phone: '1', receiveTime: 1700000000 }, { bad: true }];
    expect(jsmsReportInputs(reportItems, 'acc', 'push')).toEqual(run('SMS_REPORT', reportItems).reports);
    const replyItems = [{ phone: '1', content: 'a', replyTime: 1700000000 }, { phone: '2', content: 'b' }, { content: 'no phone' }];
    expect(jsmsReplyInputs(replyItems, 'acc', 'push', NOW)).toEqual(run('SMS_REPLY', replyItems).inbound);
  });
});
