/** JSMS returns each pulled record once: records the store could not take are fed again, never dropped. */
import { describe, expect, it } from 'vitest';
import { createJsmsPull } from '../../../src/main/core/monitoring/jsms-pull.ts';
import type { ReportInput } from '../../../src/main/core/monitoring/report-ingest.ts';
import { systemClock } from '../../../src/main/core/ports.ts';

describe('JSMS pull', () => {
  it('feeds records again on the next pull when the store threw, without pulling more meanwhile', async () => {
    const queue = [[{ msgId: '1', status: 4001 }, { msgId: '2', status: 4003 }], [{ msgId: '3', status: 4001 }]];
    let reportCalls = 0;
    const stored: string[] = [];
    let failNext = true;
    const pull = createJsmsPull({
      clock: systemClock,
      gapMs: 0,
      maxCalls: 5,
      client: () => ({
        pullReports: async () => {
          reportCalls += 1;
          return queue.shift() ?? [];
        },
        pullReplies: async () => [],
      }),
      reports: (inputs: ReportInput[]) => {
        if (failNext) {
          failNext = false;
          throw new Error('SQLITE_BUSY: database is locked');
        }
        for (const i of inputs) if (i.match.by === 'provider-id') stored.push(i.match.providerId);
      },
      inbound: () => undefined,
    });
    await expect(pull.pull('acc')).rejects.toThrow('SQLITE_BUSY');
    expect(reportCalls).toBe(1);
    expect(stored).toEqual([]);
    await pull.pull('acc');
    expect(stored).toEqual(['1', '2', '3']);
    expect(reportCalls).toBe(2);
  });
});
