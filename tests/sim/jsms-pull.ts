import type { SimReply } from './http-kit.ts';
import { jsmsFail } from './jsms-rules.ts';
import type { JsmsSimState, SimPulledReply, SimPulledReport } from './jsms-types.ts';

/**
 * The JSMS pull API in the simulator: GET /v1/report and GET /v1/reply. Per-endpoint queues, at most
 * 500 records a call, each record returned once; a call sooner than `pullGapMs` after the previous one
 * on the same endpoint is refused with 50009 (HTTP 403) and counted in `state.pullRefused`.
 * The record shape is the push's `data` (assumed: the pull format is not in the seeds).
 */

export const PULL_MAX = 500;

export function createJsmsPull(state: JsmsSimState, gapMs: number) {
  const lastCall = new Map<string, number>();

  const take = (endpoint: 'report' | 'reply'): SimReply => {
    const now = Date.now();
    const last = lastCall.get(endpoint);
    if (last !== undefined && now - last < gapMs) {
      state.pullRefused++;
      return jsmsFail(50009);
    }
    lastCall.set(endpoint, now);
    const queue: (SimPulledReport | SimPulledReply)[] = endpoint === 'report' ? state.reportQueue : state.replyQueue;
    const out = queue.splice(0, PULL_MAX);
    return {
      status: 200,
      body: endpoint === 'report' ? (out as SimPulledReport[]).map((r) => ({ ...r, msgId: state.numericMsgIds ? Number(r.msgId) : r.msgId })) : out,
    };
  };

  return {
    routes: [
      { method: 'GET', pattern: /^\/v1\/report$/, run: () => take('report') },
      { method: 'GET', pattern: /^\/v1\/reply$/, run: () => take('reply') },
    ],
    /** Queues a report for every accepted message not reported yet; `statusFor` defaults to 4001 (delivered). */
    reportAll(statusFor: (msgId: string, mobile: string) => number = () => 4001): number {
      let n = 0;
      for (const a of state.accepted) {
        if (state.reported.has(a.providerId)) continue;
        state.reported.add(a.providerId);
        state.reportQueue.push({ msgId: a.providerId, status: statusFor(a.providerId, a.number), phone: a.number, receiveTime: Math.floor(Date.now() / 1000) });
        n++;
      }
      return n;
    },
    addReply(reply: { phone: string; content: string; replyTime?: number }): void {
      state.replyQueue.push({ phone: reply.phone, content: reply.content, replyTime: reply.replyTime ?? Math.floor(Date.now() / 1000) });
    },
  };
}
