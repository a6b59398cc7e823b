import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/core/ports.ts';
import { createProviderService, type ServiceAccount } from '../../../src/main/core/providers/service.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { secrets } from './helpers.ts';

let jsms: JsmsSim;
let eims: EimsSim;
let box: GsmboxSim;
const seqByAccount = new Map<string, number>();
const service = createProviderService({
  fetch: globalThis.fetch,
  clock: systemClock,
  nextSeq: (id) => {
    const n = (seqByAccount.get(id) ?? 0) + 1;
    seqByAccount.set(id, n);
    return n;
  },
  timeoutMs: 2000,
});

beforeAll(async () => {
  [jsms, eims, box] = await Promise.all([startJsmsSim(), startEimsSim({ encrypted: true }), startGsmboxSim({ downPorts: [2] })]);
});
afterAll(async () => {
  await Promise.all([jsms.close(), eims.close(), box.close()]);
});

const jsmsAccount = (devKey?: string): ServiceAccount => ({
  id: 'j1', kind: 'jsms', name: 'JSMS', baseUrl: jsms.url, appKey: 'demo-app-key', signId: undefined, devKey, pullReports: true,
});
const jsmsSecrets = secrets({ masterSecret: 'demo-master-secret', devSecret: 'demo-dev-secret' });

describe('provider service: test connection', () => {
  it('JSMS: app balance, plus dev balance when a dev key is set', async () => {
    const withDev = await service.testConnection(jsmsAccount('demo-dev-key'), jsmsSecrets);
    expect(withDev.ok).toBe(true);
    expect(withDev.balances.find((b) => b.label === 'Account balance (SMS)')?.amount).toBe(5000);
    const appOnly = await service.testConnection(jsmsAccount(), jsmsSecrets);
    expect(appOnly.balances.some((b) => b.label === 'Account balance (SMS)')).toBe(false);
  });

  it('EIMS (encrypted mode) uses the per-account seq counter', async () => {
    const account: ServiceAccount = { id: 'e1', kind: 'eims', name: 'E', baseUrl: eims.url, account: 'demo', sender: undefined, encrypted: true };
    const s = secrets({ password: 'demo-password', key: 'demo-key' });
    expect((await service.testConnection(account, s)).ok).toBe(true);
    expect((await service.testConnection(account, s)).balances[0]).toEqual({ label: 'Balance', amount: 100, unit: 'money' });
    expect(seqByAccount.get('e1')).toBe(2);
    expect(eims.state.seq.seen).toEqual([1, 2]);
  });

  it('GSM box: lists ports', async () => {
    const account: ServiceAccount = { id: 'b1', kind: 'gsmbox', name: 'Box', baseUrl: box.url, username: 'admin', secondsPerSms: 6, dailyCapPerSim: 300, portRestMinutes: 30 };
    const r = await service.testConnection(account, secrets({ password: 'demo-box-password' }));
    expect(r.ok).toBe(true);
    expect(r.ports.map((p) => p.available)).toEqual([true, false, true, true]);
  });

  it('returns a plain failure object (never throws) with a code and sentence', async () => {
    const r = await service.testConnection(jsmsAccount(), secrets({ masterSecret: 'wrong' }));
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('JSMS_50002');
    expect(r.summary).toBe(r.error?.message);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('provider service: verification codes', () => {
  it('sends a text code and verifies it', async () => {
    const { msgId } = await service.sendVerificationCode(jsmsAccount(), jsmsSecrets, { mobile: '13800000001', channel: 'text', tempId: 1 });
    expect(await service.verifyCode(jsmsAccount(), jsmsSecrets, { msgId, code: '1' })).toMatchObject({ valid: false, reasonCode: 50010 });
    expect(await service.verifyCode(jsmsAccount(), jsmsSecrets, { msgId, code: jsms.codeFor(msgId)! })).toEqual({ valid: true });
  });

  it('sends a voice code', async () => {
    const { msgId } = await service.sendVerificationCode(jsmsAccount(), jsmsSecrets, { mobile: '13800000002', channel: 'voice', code: '4321' });
    expect(jsms.codeFor(msgId)).toBe('4321');
  });

  it('refuses codes for a non-JSMS account and a text code without template', async () => {
    const eimsAccount: ServiceAccount = { id: 'e2', kind: 'eims', name: 'E', baseUrl: eims.url, account: 'demo', sender: undefined, encrypted: false };
    await expect(service.sendVerificationCode(eimsAccount, () => 'x', { mobile: '1', channel: 'text', tempId: 1 })).rejects.toMatchObject({ code: 'PROVIDER_UNSUPPORTED' });
    await expect(service.sendVerificationCode(jsmsAccount(), jsmsSecrets, { mobile: '1', channel: 'text' })).rejects.toMatchObject({ code: 'PROVIDER_INVALID_INPUT' });
  });
});
