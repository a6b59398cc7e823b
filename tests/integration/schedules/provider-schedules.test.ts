/**
 * Provider-side schedules against the simulators over real HTTP: JSMS scheduled SMS (single, batch,
 * over 1000 recipients as several JSMS schedules shown as one; change, view with msg_ids, delete;
 * 50027/50028/50029 in plain words) and EIMS timed sends and jobs of all six types (numbers inline,
 * or as an .xls served at a URL, with the reachability warning).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderScheduleDetail, ScheduleView } from '../../../src/shared/schedules.ts';
import { formatLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { call, cnMobiles, importList } from '../../helpers/sending.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import type { OfferFile } from '../../../src/main/core/schedule/file-offer.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let jsms: JsmsSim;
let eims: EimsSim;
let files: Server;
const served = new Map<string, Uint8Array>();
let fileBase = '';
let jsmsId: string;
let eimsId: string;
let secrets: MemorySecretStore;

const ZONE = 'Europe/Berlin';
/** A wall time in Berlin `minutes` from now (real time: the JSMS simulator checks against its clock). */
const inMinutes = (minutes: number) => formatLocalDateTime(Date.now() + minutes * 60_000, ZONE);

const offerFile: OfferFile = ({ bytes, fileName, ttlMs }) => {
  const path = `/files/${Math.random().toString(36).slice(2)}/${fileName}`;
  served.set(path, bytes);
  return { url: `${fileBase}${path}`, expiresAt: Date.now() + ttlMs };
};

beforeEach(async () => {
  tmp = makeTempDir();
  files = createServer((req, res) => {
    const body = served.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body ? Buffer.from(body) : undefined);
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  fileBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  secrets = new MemorySecretStore();
  tc = makeTestCore(tmp.dir, { secrets, schedules: { offerFile } });
  await tc.core.start();
  jsms = await startJsmsSim();
  eims = await startEimsSim({ balance: 1_000_000 });
  jsmsId = (
    await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'JSMS', baseUrl: jsms.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    })
  ).id;
  eimsId = (
    await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    })
  ).id;
});
afterEach(async () => {
  await tc.core.stop();
  await jsms.close();
  await eims.close();
  await new Promise((r) => files.close(r));
  served.clear();
  tmp.cleanup();
});

const jsmsDraft = (numbers: string[], params: Record<string, string> = { name: 'Li', order: 'A-7' }) => ({
  name: 'Shipping notice',
  accountId: jsmsId,
  content: { mode: 'template', tempId: 2, params },
  recipients: { listIds: [], pasted: numbers.join('\n') },
});
const eimsDraft = (numbers: string[], body = 'Sale today') => ({
  name: 'Platform send',
  accountId: eimsId,
  content: { mode: 'text', body },
  recipients: { listIds: [], pasted: numbers.join('\n') },
});

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return (err as { shape: { code: string; message: string } }).shape;
  }
  throw new Error('expected a failure');
}

describe('JSMS scheduled SMS', () => {
  it('single: create with China time on the wire, view with the msg_id, change the time, delete', async () => {
    const at = inMinutes(90);
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000001']), at, zone: ZONE });
    expect(s).toMatchObject({ kind: 'jsms', state: 'active', recipients: 1 });
    expect(s.parts).toHaveLength(1);
    expect(s.parts[0]!.batch).toBe(false);
    const held = jsms.state.schedules.get(s.parts[0]!.providerId)!;
    expect(held.batch).toBe(false);
    // Berlin wall time → UTC+8 wall time, as the view shows it.
    expect(held.sendTime).toBe(s.providerTime!.wall);
    expect(s.providerTime!.zoneLabel).toBe('UTC+8');

    const detail = await call<ProviderScheduleDetail>(tc.core, 'scheduleProviderDetail', { id: s.id });
    expect(detail.parts[0]!.recipients[0]).toMatchObject({ mobile: '13800000001', params: { name: 'Li', order: 'A-7' } });
    expect(detail.parts[0]!.recipients[0]!.msgId).toMatch(/^\d+$/);

    const later = inMinutes(180);
    const changed = await call<ScheduleView>(tc.core, 'scheduleUpdate', { kind: 'jsms', id: s.id, draft: jsmsDraft(['13800000001'], { name: 'Wang', order: 'A-1' }), at: later, zone: ZONE });
    expect(changed.parts[0]!.providerId).toBe(s.parts[0]!.providerId);
    expect(jsms.state.schedules.get(s.parts[0]!.providerId)!.sendTime).toBe(changed.providerTime!.wall);
    expect(jsms.state.schedules.get(s.parts[0]!.providerId)!.recipients[0]!.temp_para).toEqual({ name: 'Wang', order: 'A-1' });

    await call(tc.core, 'scheduleDelete', { id: s.id });
    expect(jsms.state.schedules.get(s.parts[0]!.providerId)!.status).toBe('deleted');
    expect(await call<ScheduleView[]>(tc.core, 'schedulesList')).toHaveLength(0);
  });

  it('2,500 recipients span three JSMS batch schedules shown as one; a change moves them all and drops the surplus', async () => {
    const numbers = cnMobiles(2500);
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(numbers), at: inMinutes(60), zone: ZONE });
    expect(s.parts.map((p) => p.recipients)).toEqual([1000, 1000, 500]);
    expect(s.recipients).toBe(2500);
    expect(await call<ScheduleView[]>(tc.core, 'schedulesList')).toHaveLength(1);
    const ids = s.parts.map((p) => p.providerId);
    expect(ids.every((id) => jsms.state.schedules.get(id)?.batch === true)).toBe(true);
    const detail = await call<ProviderScheduleDetail>(tc.core, 'scheduleProviderDetail', { id: s.id });
    expect(detail.parts.flatMap((p) => p.recipients)).toHaveLength(2500);
    expect(new Set(detail.parts.flatMap((p) => p.recipients.map((r) => r.msgId))).size).toBe(2500);

    const changed = await call<ScheduleView>(tc.core, 'scheduleUpdate', { kind: 'jsms', id: s.id, draft: jsmsDraft(numbers.slice(0, 1200)), at: inMinutes(120), zone: ZONE });
    expect(changed.parts.map((p) => [p.providerId, p.recipients])).toEqual([
      [ids[0], 1000],
      [ids[1], 200],
    ]);
    expect(jsms.state.schedules.get(ids[2]!)!.status).toBe('deleted');
    expect(jsms.state.schedules.get(ids[0]!)!.sendTime).toBe(changed.providerTime!.wall);
  });

  it('says 50027, 50028 and 50029 in plain words', async () => {
    // 50027: a time JSMS sees as past (our check passes: the app clock runs 10 minutes behind).
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, { secrets, clock: { now: () => Date.now() - 10 * 60_000, setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) } });
    await tc.core.start();
    const past = await failure(call(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000001']), at: inMinutes(-5), zone: ZONE }));
    expect(past.code).toBe('JSMS_50027');
    expect(past.message).toMatch(/already past in China time \(UTC\+8\)\. Pick a time/);
    expect(await call<ScheduleView[]>(tc.core, 'schedulesList')).toHaveLength(0);

    // 50029: JSMS already sent it — changing and deleting say so.
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000002']), at: inMinutes(30), zone: ZONE });
    jsms.fireSchedules(true);
    const change = await failure(call(tc.core, 'scheduleUpdate', { kind: 'jsms', id: s.id, draft: jsmsDraft(['13800000002']), at: inMinutes(40), zone: ZONE }));
    expect(change.code).toBe('JSMS_50029');
    expect(change.message).toBe('JSMS already sent (or deleted) this scheduled SMS, so it can no longer be changed. Create a new schedule instead.');
    // The refused change left the record as JSMS holds it: the old name, time and send instant, the part sent.
    const kept = await call<ScheduleView>(tc.core, 'scheduleGet', { id: s.id });
    expect(kept).toMatchObject({ name: s.name, when: s.when, providerTime: s.providerTime });
    expect(kept.parts[0]!.state).toBe('sent');
    expect(kept.lastError?.code).toBe('JSMS_50029');
    // Deleting a schedule JSMS already sent says so (one that was not edited first).
    const s2 = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000005']), at: inMinutes(30), zone: ZONE });
    jsms.fireSchedules(true);
    const del = await failure(call(tc.core, 'scheduleDelete', { id: s2.id }));
    expect(del.code).toBe('SCHEDULE_ALREADY_SENT');
    expect(del.message).toMatch(/already sent this scheduled SMS, so it can no longer be deleted/);
    expect((await call<ScheduleView>(tc.core, 'scheduleGet', { id: s2.id })).parts[0]!.state).toBe('sent');

    // 50028: deleted behind the app's back — viewing says so; deleting just tidies up.
    const t = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000003']), at: inMinutes(30), zone: ZONE });
    jsms.state.schedules.get(t.parts[0]!.providerId)!.status = 'deleted';
    const view = await failure(call(tc.core, 'scheduleProviderDetail', { id: t.id }));
    expect(view.code).toBe('JSMS_50028');
    expect(view.message).toMatch(/does not know this schedule/);
    await call(tc.core, 'scheduleDelete', { id: t.id });
    expect((await call<ScheduleView[]>(tc.core, 'schedulesList')).map((x) => x.id).sort()).toEqual([s.id, s2.id].sort());
  });

  it('a change JSMS refuses (a server error on the PUT) leaves the record exactly as JSMS still holds it', async () => {
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft: jsmsDraft(['13800000004']), at: inMinutes(45), zone: ZONE });
    const held = jsms.state.schedules.get(s.parts[0]!.providerId)!;
    const heldTime = held.sendTime;
    jsms.faults.force('error500');
    const refused = await failure(call(tc.core, 'scheduleUpdate', { kind: 'jsms', id: s.id, draft: { ...jsmsDraft(['13800000004']), name: 'Moved' }, at: inMinutes(300), zone: ZONE }));
    expect(refused.code).not.toBe('');
    expect(jsms.state.schedules.get(s.parts[0]!.providerId)!.sendTime).toBe(heldTime);
    const kept = await call<ScheduleView>(tc.core, 'scheduleGet', { id: s.id });
    expect(kept).toMatchObject({ name: s.name, when: s.when, providerTime: { wall: heldTime } });
    expect(kept.parts).toEqual(s.parts);
    expect(kept.lastError?.code).toBe(refused.code);
    // The list shows the time JSMS will send at.
    expect((await call<ScheduleView[]>(tc.core, 'schedulesList')).find((x) => x.id === s.id)!.providerTime!.wall).toBe(heldTime);
  });

  it('refuses free text and a non-JSMS account before calling JSMS', async () => {
    const text = await failure(call(tc.core, 'scheduleCreate', { kind: 'jsms', draft: { ...jsmsDraft(['13800000001']), content: { mode: 'text', body: 'hi' } }, at: inMinutes(60), zone: ZONE }));
    expect(text.code).toBe('CAMPAIGN_NEEDS_TEMPLATE');
    const wrong = await failure(call(tc.core, 'scheduleCreate', { kind: 'jsms', draft: { ...jsmsDraft(['13800000001']), accountId: eimsId }, at: inMinutes(60), zone: ZONE }));
    expect(wrong.code).toBe('SCHEDULE_WRONG_ACCOUNT');
    expect(jsms.state.requests).toHaveLength(0);
  });
});

describe('EIMS timed send and jobs', () => {
  it('timed send: sendtime in the platform clock, 12,000 numbers in two calls, one record', async () => {
    const numbers = cnMobiles(12_000);
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'timed', draft: eimsDraft(numbers), at: inMinutes(120), zone: ZONE } });
    expect(s.kind).toBe('eims-timed');
    expect(s.parts.map((p) => p.recipients)).toEqual([10_000, 2000]);
    expect(s.providerTime!.wall).toMatch(/^\d{14}$/);
    const sends = eims.state.requests.filter((r) => r.path === '/sendsms');
    expect(sends).toHaveLength(2);
    // The platform holds the messages: nothing counted as sent yet, every number handed over once.
    expect(new Set(eims.state.accepted.map((a) => a.number)).size).toBe(12_000);
    const del = await call<{ providerStillHolds: boolean }>(tc.core, 'scheduleDelete', { id: s.id });
    expect(del.providerStillHolds).toBe(true);
  });

  it('a timed send refuses texts that differ per recipient', async () => {
    const listId = await importList(tc.core, 'Named', 'phone,name\n13800000001,Li\n13800000002,Wang\n');
    const d = { ...eimsDraft([], 'Hi {name}'), recipients: { listIds: [listId], pasted: '' } };
    const e = await failure(call(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'timed', draft: d, at: inMinutes(60), zone: ZONE } }));
    expect(e.code).toBe('SCHEDULE_ONE_TEXT');
  });

  const jobCases: { type: string; job: Record<string, unknown>; jobtype: number; check: Record<string, unknown> }[] = [
    { type: 'now', job: {}, jobtype: 0, check: {} },
    { type: 'timed', job: { planStart: 'PLAN' }, jobtype: 1, check: {} },
    { type: 'interval', job: { interval: 90, min: 0, hour: 8, period: 5, retry: 2 }, jobtype: 2, check: { interval: 90, period: 5, retry: 2 } },
    { type: 'daily', job: { min: 30, hour: 9, flash: true }, jobtype: 3, check: { min: 30, hour: 9, flash: 1 } },
    { type: 'weekly', job: { min: 0, hour: 18, week: 5 }, jobtype: 4, check: { week: 5, hour: 18 } },
    { type: 'monthly', job: { min: 0, hour: 10, day: 31, mon: 1, planEnd: 'END' }, jobtype: 5, check: { day: 31, mon: 1 } },
  ];
  for (const c of jobCases) {
    it(`job type ${c.type} (${c.jobtype}) reaches smsjob with its fields`, async () => {
      const job: Record<string, unknown> = { jobName: `job ${c.type}`, jobType: c.type, ...c.job };
      if (job.planStart === 'PLAN') job.planStart = inMinutes(60);
      if (job.planEnd === 'END') job.planEnd = inMinutes(60 * 24 * 90);
      const s = await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'job', draft: eimsDraft(cnMobiles(3)), zone: ZONE, job } });
      expect(s.kind).toBe('eims-job');
      const sent = eims.state.jobs.at(-1)!;
      expect(sent.body).toMatchObject({ job: `job ${c.type}`, jobtype: c.jobtype, numbersrc: 0, content: 'Sale today', ...c.check });
      expect(s.parts[0]!.providerId).toBe(String(sent.jobId));
      expect(s.job?.numbersUrl).toBeNull();
      if (c.type === 'now') {
        expect(s.state).toBe('done');
        expect(eims.state.accepted).toHaveLength(3);
      } else expect(s.nextRunAt).not.toBeNull();
      if (c.type === 'timed') expect(sent.body.planstarttm).toBe(Math.floor(s.nextRunAt! / 1000));
      if (c.type === 'daily') expect(formatLocalDateTime(s.nextRunAt!, 'Asia/Shanghai').slice(11)).toBe('09:30');
      if (c.type === 'monthly') expect(sent.body.planendtm).toBeTypeOf('number');
    });
  }

  it('numbers over 4 KiB go as an .xls at a served URL, with the loopback warning', async () => {
    const numbers = cnMobiles(600);
    const s = await call<ScheduleView>(tc.core, 'scheduleCreate', {
      kind: 'eims',
      eims: { mode: 'job', draft: eimsDraft(numbers), zone: ZONE, job: { jobName: 'big', jobType: 'daily', hour: 9, min: 0 } },
    });
    const sent = eims.state.jobs.at(-1)!;
    expect(sent.body.numbersrc).toBe(1);
    expect(sent.body.numbers).toBe(s.job!.numbersUrl);
    expect(s.job!.numbersUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.xls$/);
    expect(s.job!.numbersUrlWarning).toMatch(/loopback/);
    expect(s.job!.numbersUrlExpiresAt).toBeGreaterThan(Date.now());
    const res = await fetch(s.job!.numbersUrl!);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // An OLE2 compound file (BIFF8 .xls), not .xlsx.
    expect([...bytes.slice(0, 8)]).toEqual([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  });

  it('passes the platform error codes on in plain words (bad job name, bad numbers source)', async () => {
    eims.state.locked = true;
    const e = await failure(call(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'job', draft: eimsDraft(cnMobiles(2)), zone: ZONE, job: { jobName: 'x', jobType: 'now' } } }));
    expect(e.code).toMatch(/^EIMS_/);
    expect(e.message).toMatch(/lock/i);
    expect(await call<ScheduleView[]>(tc.core, 'schedulesList')).toHaveLength(0);
    eims.state.locked = false;
    const tooBig = await failure(call(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'job', draft: eimsDraft(cnMobiles(2)), zone: ZONE, job: { jobName: 'x'.repeat(65), jobType: 'now' } } }));
    expect(tooBig.message).toMatch(/64 characters/);
  });
});
