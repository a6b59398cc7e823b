/**
 * Cache of the receiver's status (where it listens, the push URLs, this PC's interfaces), fed by
 * `receiverStatus` events, plus the GSM-box push setup steps (read, write and confirm, test).
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { BoxPushState, BoxPushTestResult, ReceiverStatus } from '../../../shared/monitoring.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

interface ReceiverState {
  status: ReceiverStatus | null;
  loadStatus: LoadStatus;
  error: AppErrorShape | null;
  load: () => Promise<void>;
  receive: (status: ReceiverStatus) => void;
  configure: (host: string, port: number) => Promise<Result<ReceiverStatus>>;
  rotateToken: () => Promise<Result<ReceiverStatus>>;
  boxPushGet: (accountId: string) => Promise<Result<BoxPushState>>;
  boxPushSetup: (accountId: string, host?: string) => Promise<Result<BoxPushState>>;
  boxPushTest: (accountId: string, number: string) => Promise<Result<BoxPushTestResult>>;
}

let seq = 0;

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

export const useReceiverStore = create<ReceiverState>()((set, get) => {
  const took = (r: Result<ReceiverStatus>) => {
    if (r.ok) {
      seq++;
      set({ status: r.value, loadStatus: 'ready', error: null });
    }
    return r;
  };
  return {
    status: null,
    loadStatus: 'idle',
    error: null,
    load: async () => {
      const mine = ++seq;
      if (get().status === null) set({ loadStatus: 'loading' });
      try {
        const status = await getApi().receiverStatus();
        if (mine === seq) set({ status, loadStatus: 'ready', error: null });
      } catch (err) {
        if (mine === seq) set({ loadStatus: 'error', error: toErrorShape(err) });
      }
    },
    receive: (status) => {
      seq++;
      set({ status, loadStatus: 'ready', error: null });
    },
    configure: async (host, port) => took(await attempt(() => getApi().receiverConfigure({ host, port }))),
    rotateToken: async () => took(await attempt(() => getApi().receiverRotateToken())),
    boxPushGet: (accountId) => attempt(() => getApi().boxPushGet({ accountId })),
    boxPushSetup: (accountId, host) =>
      attempt(() => getApi().boxPushSetup({ accountId, reportsEnable: true, resultsEnable: true, ...(host ? { host } : {}) })),
    boxPushTest: (accountId, number) => attempt(() => getApi().boxPushTest({ accountId, number, text: 'SMS console: push test', waitSeconds: 90 })),
  };
});

/** Follows the receiver while a screen shows it. Returns the stop function. */
export function connectReceiverUpdates(): () => void {
  return getApi().on('receiverStatus', (s) => useReceiverStore.getState().receive(s));
}
