/** JSMS callback: echostr handshake, signature check, reports and replies into the one ingest / inbox. */
import { syncSeededMessages } from '../../helpers/kept-counts.ts';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { InboxThreadsPage, ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 10 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

const sign = (nonce: string, timestamp: string, secret = 'master-secret') =>
  createHash('sha1').update(`appKey=app-key&appMasterSecret=${secret}&nonce=${nonce}&timestamp=${timestamp}`).digest('hex');

it('answers the echostr handshake, refuses bad signatures and ingests signed reports and replies', async () => {
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', { config: { kind: 'jsms', name: 'JSMS', appKey: 'app-key' }, secrets: { masterSecret: 'master-secret' } });
  const db = tc.core.context.db;
  db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at) VALUES ('c','C',?,'jsms','{}','done',0,0)`).run(id);
  const msg = Number(
    db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, state, provider_id, handed_at, updated_at) VALUES ('c', ?, '+8613800000009', '13800000009', 'submitted', '777', 1, 1)`).run(id).lastInsertRowid,
  );
  syncSeededMessages(db);
  const url = (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === id)!.url;

  const hello = await fetch(`${url}?echostr=abc123`);
  expect([hello.status, await hello.text()]).toEqual([200, 'abc123']);

  const post = (form: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const report = { nonce: 'n1', timestamp: '1700000000', type: 'SMS_REPORT', data: JSON.stringify({ msgId: 777, status: 4001, phone: '13800000009' }) };
  expect((await post({ ...report, signature: sign('n1', '1700000000', 'wrong') })).status).toBe(401);
  expect((db.prepare(`SELECT state FROM messages WHERE id = ?`).get(msg) as { state: string }).state).toBe('submitted');
  expect((await post({ ...report, signature: sign('n1', '1700000000') })).status).toBe(200);
  expect((db.prepare(`SELECT state FROM messages WHERE id = ?`).get(msg) as { state: string }).state).toBe('delivered');

  const reply = { nonce: 'n2', timestamp: '1700000001', type: 'SMS_REPLY', data: JSON.stringify({ phone: '13800000009', content: '退订', replyTime: 1700000001 }) };
  expect((await post({ ...reply, signature: sign('n2', '1700000001') })).status).toBe(200);
  const threads = await call<InboxThreadsPage>(tc.core, 'inboxThreads', {});
  expect(threads.threads).toMatchObject([{ number: '+8613800000009', optedOut: true, unread: 1 }]);
  expect((await fetch(url.replace('/jsms/', '/eims/'), { method: 'PUT', body: '{}' })).status).toBe(404);
});
