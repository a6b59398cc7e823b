/**
 * Data care through the contract: the log file never holds a secret (written through real paths and
 * grepped), backup → restore round trip with validation first, the audit log, pause/resume all and
 * campaign notifications.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { AuditPage, PauseAllResult, SendingStatus } from '../../../src/shared/desktop.ts';
import type { FileDownload } from '../../../src/shared/contact-lists.ts';
import type { NotifyEvent } from '../../../src/shared/notifications.ts';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  tmp = makeTempDir('sms-care-');
  tc = makeTestCore(tmp.dir, { actor: 'alice', dispatch: { progressEveryMs: 20, retryBaseMs: 50 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(closers.splice(0).map((c) => c()));
  tmp.cleanup();
});

const logText = () => readdirSync(join(tmp.dir, 'logs')).map((f) => readFileSync(join(tmp.dir, 'logs', f), 'utf8')).join('\n');

/** A provider that misbehaves by echoing the whole request — credentials included — in its error. */
async function echoingProvider(): Promise<string> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 50032, message: `refused ${req.method} ${req.url} authorization=${req.headers.authorization} body=${body}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function eimsAccount(opts: Parameters<typeof startEimsSim>[0] = {}): Promise<{ sim: EimsSim; id: string }> {
  const sim = await startEimsSim({ balance: 1_000_000, ...opts });
  closers.push(() => sim.close());
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  return { sim, id: v.id };
}

describe('the log file', () => {
  it('holds no secret written through account, provider-error and crash paths', async () => {
    const jsmsSecret = 'Jm$-master-9f8e7d6c';
    const devSecret = 'dev-Secret-1234';
    const eimsPassword = 'Eims-Pa55word!';
    const boxPassword = 'box-admin-pw';
    const base = await echoingProvider();
    const jsms = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'JSMS echo', baseUrl: base, appKey: 'my-app-key' },
      secrets: { masterSecret: jsmsSecret, devSecret },
    });
    const eims = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'EIMS down', baseUrl: 'http://127.0.0.1:9', account: 'acme', encrypted: true },
      secrets: { password: eimsPassword, key: 'eims-key-000' },
    });
    await call(tc.core, 'accountsUpdate', { id: eims.id, config: { kind: 'eims', name: 'EIMS down', baseUrl: base, account: 'acme', encrypted: false }, secrets: { password: eimsPassword, key: 'eims-key-777' } });
    const box = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: base, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: boxPassword },
    }).catch(() => null);
    for (const id of [jsms.id, eims.id, box?.id].filter((x): x is string => Boolean(x))) {
      const r = await tc.core.invoke('accountsTest', { id });
      expect(r.ok ? 'ok' : r.error.code).toBeTruthy();
    }
    await tc.core.invoke('verificationSend', { accountId: jsms.id, channel: 'text', mobile: '13800138000', tempId: 1 });
    // An unexpected failure (a library error echoing a request) goes to the log as is.
    tc.core.log.error('unexpected', {
      where: 'test',
      error: new Error(`POST ${base}/v1/codes failed`, { cause: { headers: { Authorization: `Basic ${Buffer.from(`my-app-key:${jsmsSecret}`).toString('base64')}` }, body: `pwd=${eimsPassword}` } }),
    });
    tc.core.log.warn('eims.signed', { url: `${base}/sms?account=acme&password=${createHash('md5').update(eimsPassword).digest('hex')}` });

    // After a restart the secrets are known before anything is read for a call.
    const secrets = tc.secrets;
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, { secrets });
    Object.assign(tc, { secrets });
    await tc.core.start();
    tc.core.log.info('echo', { text: `the stored secret ${devSecret} appears in some reply` });

    const text = logText();
    expect(text).toContain('method.failed');
    expect(text).toContain('the stored secret [redacted]');
    const forbidden = ['eims-key-000', jsmsSecret, devSecret, eimsPassword, boxPassword, 'eims-key-777', encodeURIComponent(eimsPassword), createHash('md5').update(eimsPassword).digest('hex'), Buffer.from(`my-app-key:${jsmsSecret}`).toString('base64')];
    for (const s of forbidden) expect(text, `log contains ${s}`).not.toContain(s);
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('tells where the logs folder is (headless: not opened)', async () => {
    const r = await call<{ path: string; opened: boolean }>(tc.core, 'logsOpenFolder');
    expect(r).toEqual({ path: join(tmp.dir, 'logs'), opened: false });
    expect(existsSync(join(r.path, 'sms-console.log'))).toBe(true);
  });
});

describe('backup and restore', () => {
  it('backs up the database and settings into one file and restores it at the next start', async () => {
    await call(tc.core, 'settingsUpdate', { language: 'zh', defaultRegion: 'US' });
    const { id } = await eimsAccount();
    const backup = await call<FileDownload & { info: { schemaVersion: number } }>(tc.core, 'backupCreate');
    expect(backup.fileName).toMatch(/^sms-console-backup-\d{8}-\d{4}\.smsbackup$/);
    const bytes = Buffer.from(backup.base64, 'base64');
    expect(bytes.toString('latin1')).not.toContain('demo-password');

    // Later changes that the restore must undo.
    await call(tc.core, 'accountsDelete', { id });
    await call(tc.core, 'settingsUpdate', { language: 'en' });

    // A damaged file is refused and nothing is staged.
    const bad = Buffer.from(bytes);
    bad[bad.length - 100] = bad[bad.length - 100]! ^ 0xff;
    const refused = await tc.core.invoke('backupRestore', { fileName: 'bad.smsbackup', base64: bad.toString('base64') });
    expect(refused.ok ? null : refused.error.code).toBe('BACKUP_INVALID');
    expect(existsSync(join(tmp.dir, 'restore-pending'))).toBe(false);

    const staged = await call<{ restartRequired: boolean }>(tc.core, 'backupRestore', { fileName: backup.fileName, base64: backup.base64 });
    expect(staged.restartRequired).toBe(true);
    // Nothing changes before the restart.
    expect(await call<unknown[]>(tc.core, 'accountsList')).toHaveLength(0);

    const settings = new MemorySettingsBackend();
    settings.write({ language: 'en' });
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, { settings, secrets: new MemorySecretStore() });
    await tc.core.start();
    const accounts = await call<{ id: string; hasSecret: Record<string, boolean> }[]>(tc.core, 'accountsList');
    expect(accounts.map((a) => a.id)).toEqual([id]);
    expect(accounts[0]!.hasSecret.password).toBe(false); // secrets are not in backups
    expect((await call<Settings>(tc.core, 'settingsGet')).language).toBe('zh');
    expect(existsSync(join(tmp.dir, 'restore-pending'))).toBe(false);
    expect(readdirSync(tmp.dir).some((f) => f.startsWith('restore-previous-'))).toBe(true);
    const restoredAudit = await call<AuditPage>(tc.core, 'auditList', { action: 'backup.restore' });
    expect(restoredAudit.rows.map((r) => r.source)).toEqual(['system']);
  });
});

describe('audit log', () => {
  it('records account changes and campaign actions with who and when, and exports them', async () => {
    const { id } = await eimsAccount();
    await call(tc.core, 'accountsUpdate', { id, config: { kind: 'eims', name: 'Platform 2', baseUrl: 'http://127.0.0.1:1', account: 'demo', encrypted: false }, secrets: { key: 'k-secret-1' } });
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Promo', accountId: id, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: cnMobiles(3).join('\n') }, confirmed: true });
    await call(tc.core, 'campaignPause', { id: c.id });
    await call(tc.core, 'campaignCancel', { id: c.id });
    await call(tc.core, 'accountsDelete', { id });

    const page = await call<AuditPage>(tc.core, 'auditList', {});
    expect(page.rows.map((r) => r.action)).toEqual(['account.delete', 'campaign.cancel', 'campaign.pause', 'campaign.create', 'account.update', 'account.create']);
    expect(page.rows.every((r) => r.actor === 'alice' && r.source === 'ui' && r.at > 0)).toBe(true);
    expect(page.rows[1]!.summary).toBe('Promo: was paused, now cancelled');
    expect(page.rows[4]!.summary).toContain('secrets changed: key');
    expect(JSON.stringify(page)).not.toContain('k-secret-1');
    expect((await call<AuditPage>(tc.core, 'auditList', { action: 'campaign.create' })).total).toBe(1);

    const csv = Buffer.from((await call<FileDownload>(tc.core, 'auditExport', { format: 'csv' })).base64, 'base64').toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/time,user,source,action,target,summary/);
    expect(csv).toContain('campaign.cancel');
    expect(() => tc.core.context.db.prepare('UPDATE audit_log SET actor = ?').run('mallory')).toThrow(/append-only/);
  });
  it('records schedule changes', async () => {
    const { id } = await eimsAccount();
    const draft = { name: 'Weekly', accountId: id, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: cnMobiles(2).join('\n') } };
    const s = await call<{ id: string }>(tc.core, 'scheduleCreate', { kind: 'local', draft, when: { zone: 'Asia/Shanghai', repeat: { kind: 'daily', time: '09:00' } }, missedPolicy: 'skip' });
    await call(tc.core, 'schedulePause', { id: s.id });
    await call(tc.core, 'scheduleDelete', { id: s.id });
    const page = await call<AuditPage>(tc.core, 'auditList', {});
    expect(page.rows.slice(0, 3).map((r) => [r.action, r.targetId, r.summary.split(' ')[0]])).toEqual([
      ['schedule.delete', s.id, 'Weekly'],
      ['schedule.pause', s.id, 'Weekly'],
      ['schedule.create', s.id, 'Weekly'],
    ]);
  });
});

describe('audit log of scheduled sends', () => {
  it('records a campaign a schedule fired, with source schedule', async () => {
    const clock = new ManualClock(Date.UTC(2026, 4, 1, 0, 0));
    const secrets = tc.secrets;
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, { secrets, clock, actor: 'alice' });
    await tc.core.start();
    const { id } = await eimsAccount();
    const draft = { name: 'Daily', accountId: id, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: cnMobiles(2).join('\n') } };
    await call(tc.core, 'scheduleCreate', { kind: 'local', draft, when: { zone: 'UTC', repeat: { kind: 'daily', time: '09:00' } }, missedPolicy: 'skip' });
    await clock.advanceToAsync(Date.UTC(2026, 4, 1, 9, 1), () => tc.core.scheduler.idle());
    const deadline = Date.now() + 5000;
    let page = await call<AuditPage>(tc.core, 'auditList', { action: 'campaign.create' });
    while (page.total === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      page = await call<AuditPage>(tc.core, 'auditList', { action: 'campaign.create' });
    }
    expect(page.rows.map((r) => [r.source, r.summary])).toEqual([['schedule', 'Daily · 2026-05-01 09:00: 2 message(s), fired by schedule Daily']]);
  });
});

describe('pause all sending and notifications', () => {
  it('pauses every running campaign, resumes them, and notifies when a campaign finishes', async () => {
    const { sim, id } = await eimsAccount();
    await call(tc.core, 'settingsUpdate', { language: 'en' });
    const pauseFirst = await call<PauseAllResult>(tc.core, 'campaignsPauseAll');
    expect(pauseFirst.ids).toEqual([]);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Big', accountId: id, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: cnMobiles(5).join('\n') }, confirmed: true });
    const paused = await call<PauseAllResult>(tc.core, 'campaignsPauseAll');
    expect(paused.ids).toEqual([c.id]);
    expect(paused.status).toEqual<SendingStatus>({ running: 0, paused: 1, pausedAll: true });
    const resumed = await call<PauseAllResult>(tc.core, 'campaignsResumeAll');
    expect(resumed.ids).toEqual([c.id]);
    expect(resumed.status.pausedAll).toBe(false);

    // Finished means every message final: the platform reports all five delivered.
    await waitForCampaign(tc.core, c.id, { until: handedOver });
    sim.state.pushUrl = (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === id)!.url;
    sim.deliverAll();
    await sim.pushReports([...sim.state.messages.keys()]);
    const deadline = Date.now() + 10_000;
    while (!tc.events.some((e) => e.name === 'notify' && (e.payload as NotifyEvent).kind.startsWith('campaign-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const notes = tc.events.filter((e) => e.name === 'notify').map((e) => e.payload as NotifyEvent).filter((n) => n.kind.startsWith('campaign-'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'campaign-finished', title: 'Campaign finished: Big', body: '5 delivered.' });
  });

  it('notifies a held campaign as failed, and stays quiet for kinds turned off', async () => {
    const { id } = await eimsAccount({ balance: 0 });
    const current = await call<Settings>(tc.core, 'settingsGet');
    await call(tc.core, 'settingsUpdate', { notifications: { ...current.notifications, 'campaign-finished': false } });
    await call(tc.core, 'campaignCreate', { name: 'Broke', accountId: id, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: cnMobiles(2).join('\n') }, confirmed: true });
    const deadline = Date.now() + 10_000;
    while (!tc.events.some((e) => e.name === 'notify' && (e.payload as NotifyEvent).kind.startsWith('campaign-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const notes = tc.events.filter((e) => e.name === 'notify').map((e) => e.payload as NotifyEvent).filter((n) => n.kind.startsWith('campaign-'));
    expect(notes.map((n) => n.kind)).toEqual(['campaign-failed']);
    expect(notes[0]!.body).toMatch(/balance/i);

    await call(tc.core, 'settingsUpdate', { notifications: { ...current.notifications, 'port-down': false } });
    expect(tc.core.notify('port-down', 'Port 2 down', 'SIM missing')).toBeNull();
    expect(tc.core.notify('inbound', 'New SMS', 'from +86138')).toMatchObject({ kind: 'inbound' });
  });
});
