/**
 * A headless app with realistic data, for the tests that look at every screen (screenshots, layout,
 * Chinese text, date formats). Everything goes through the bridge against the three simulators over
 * real HTTP: an account of each kind, a list imported from a small CSV (Chinese names, one invalid
 * row), opt-outs, a finished EIMS campaign with delivered and failed messages (reports pushed by the
 * simulator), a GSM box campaign answered by an inbound SMS, a paused campaign with a long name, and
 * schedules of every kind (local, JSMS, EIMS timed send, EIMS job whose numbers travel as a file URL).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './headless-process.ts';
import { until } from './until.ts';
import { handedOver } from '../../helpers/sending.ts';

export const CUSTOMERS_CSV = [
  'phone,name,city',
  '13800138001,张伟,上海',
  '13800138002,王芳,北京',
  '13800138003,李娜,杭州',
  '13800138004,Ann Lee,深圳',
  '13800138005,刘洋,广州',
  '13800138006,陈静,成都',
  '12345,短号,南京',
].join('\n');
/** The file the import wizard is shown with: the list's rows, a landline and a row repeating 王芳's number. */
export const IMPORT_CSV = `${CUSTOMERS_CSV}\n010-6552 1234,前台,北京\n138 0013 8002,,北京`;
export const OPTED_OUT = ['13800138006', '13700137000'];
export const BOX_NUMBER = '13900139001';
export const INBOUND_TEXT = '收到，谢谢！周五见';
export const LIST_NAME = '上海客户 VIP';
/** An empty list, so merging has somewhere to go. */
export const SECOND_LIST = '老客户回访';
export const ACCOUNT_NAMES = { eims: 'EIMS platform', jsms: 'JPush SMS', gsmbox: 'Office GSM box' } as const;
export const DONE_CAMPAIGN = 'Spring sale 春季特惠';
/** Long enough to need cutting in a table cell at 1024 px. */
export const LONG_CAMPAIGN = 'Member newsletter — autumn collection preview for VIP members in East China 华东区会员秋季新品预览';
export const SCHEDULE_NAMES = { local: 'Weekly tips', jsms: 'Shipping notice', timed: 'Flash sale reminder', job: 'Nightly promo' } as const;
/** Words and names the seed itself puts on screen (user data, not UI text). */
export const SEEDED_TEXT = [LIST_NAME, DONE_CAMPAIGN, LONG_CAMPAIGN, 'Pickup reminder', ...Object.values(ACCOUNT_NAMES), ...Object.values(SCHEDULE_NAMES), 'Ann Lee', 'nightly'];

export interface Showcase {
  app: HeadlessApp;
  eims: EimsSim;
  jsms: JsmsSim;
  box: GsmboxSim;
  /** IMPORT_CSV as a file, for the import wizard. */
  csvFile: string;
  ids: { eims: string; jsms: string; box: string; list: string; done: string; paused: string; boxCampaign: string };
  call<T = Record<string, unknown>>(name: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}


const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const mobiles = (n: number, start: number) => Array.from({ length: n }, (_, i) => `139${String(10_000_000 + start + i).slice(-8)}`);

export async function startShowcase(prefix: string): Promise<Showcase> {
  const tmp = makeTempDir(prefix);
  const csvFile = join(tmp.dir, 'customers.csv');
  writeFileSync(csvFile, IMPORT_CSV);
  const eims = await startEimsSim({ balance: 8620 });
  const jsms = await startJsmsSim();
  const box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 20, reportDelayMs: 60 });
  const app = await startHeadless(join(tmp.dir, 'data'));
  const call = async <T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> => {
    const res = await bridgeCall(app, name, input);
    if (!res.ok) throw new Error(`${name}: ${JSON.stringify(res.error)}`);
    return res.value as T;
  };
  const stop = async () => {
    await app.stop();
    await eims.close();
    await jsms.close();
    await box.close();
    tmp.cleanup();
  };
  try {
    await call('receiverConfigure', { host: '127.0.0.1', port: 0 });
    const eimsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'eims', name: ACCOUNT_NAMES.eims, baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id;
    const jsmsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'jsms', name: ACCOUNT_NAMES.jsms, baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } })).id;
    const boxId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'gsmbox', name: ACCOUNT_NAMES.gsmbox, baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 }, secrets: { password: 'demo-box-password' } })).id;
    const receiver = await call<{ urls: Array<{ accountId: string; url: string }> }>('receiverStatus');
    eims.state.pushUrl = receiver.urls.find((u) => u.accountId === eimsId)!.url;
    await call('boxPushSetup', { accountId: boxId, host: '127.0.0.1' });
    // JSMS templates: one made in the JSMS console, added by id; one submitted here and rejected (the reason pushed back); one under review.
    await call('jsmsTemplateAdd', { accountId: jsmsId, tempId: 2 });
    const rejected = await call<{ tempId: number }>('jsmsTemplateCreate', { accountId: jsmsId, fields: { template: '【限时】{{name}}，全场五折，点击领取', type: 3 } });
    await jsms.review('template', rejected.tempId, 2, '模板内容不能包含【】', receiver.urls.find((u) => u.accountId === jsmsId)!.url);
    await call('jsmsTemplateCreate', { accountId: jsmsId, fields: { template: '{{name}}您好，您的订单{{order}}已发货。', type: 2, remark: '发货通知' } });

    const opened = await call<{ importId: string }>('importOpen', { fileName: 'customers.csv', base64: Buffer.from(CUSTOMERS_CSV).toString('base64') });
    await call('importAnalyse', { importId: opened.importId });
    const listId = (await call<{ listId: string }>('importCommit', { importId: opened.importId, target: { newListName: LIST_NAME } })).listId;
    await call('listsCreate', { name: SECOND_LIST });
    await call('optOutsAdd', { numbers: OPTED_OUT, note: '回复 TD 退订', region: 'CN' });

    // A finished EIMS campaign: delivered, with two failures, reported by push.
    const doneId = (await call<{ id: string }>('campaignCreate', { name: DONE_CAMPAIGN, accountId: eimsId, content: { mode: 'text', body: '{name}您好，春季特惠今天开始，全场八折。' }, recipients: { listIds: [listId], pasted: '13800138011\n13800138012\n13800138013' }, confirmed: true })).id;
    await until('campaign handed over', () => call<{ state: string }>('campaignGet', { id: doneId }), handedOver);
    const simIds = [...eims.state.messages.keys()];
    eims.deliverAll(3);
    for (const id of simIds.slice(-2)) eims.setReport(id, 0, 2);
    await eims.pushReports();
    // A box campaign to the number that will write back.
    const boxCampaign = (await call<{ id: string }>('campaignCreate', { name: 'Pickup reminder', accountId: boxId, content: { mode: 'text', body: 'Your order is ready for pickup on Friday.' }, recipients: { listIds: [], pasted: BOX_NUMBER }, confirmed: true })).id;
    // A campaign held by quiet hours (now ± 1 h on this PC), then paused.
    const now = Date.now();
    const pausedId = (await call<{ id: string }>('campaignCreate', { name: LONG_CAMPAIGN, accountId: eimsId, content: { mode: 'text', body: 'News for members: new arrivals this week.' }, recipients: { listIds: [listId], pasted: '' }, quietHours: { start: hhmm(now - 3_600_000), end: hhmm(now + 3_600_000) }, confirmed: true })).id;
    await call('campaignPause', { id: pausedId });

    // Schedules of every kind: on this PC, held by JSMS, an EIMS timed send and an EIMS job.
    const zone = 'Asia/Shanghai';
    const inTwoDays = formatLocalDateTime(now + 2 * 86_400_000, zone).slice(0, 11);
    await call('scheduleCreate', {
      kind: 'local',
      draft: { name: SCHEDULE_NAMES.local, accountId: eimsId, content: { mode: 'text', body: '本周小贴士：{name}，记得查收优惠券。' }, recipients: { listIds: [listId], pasted: '' } },
      when: { zone, repeat: { kind: 'weekly', time: '09:00', days: [1] } },
      missedPolicy: 'run-once',
    });
    await call('scheduleCreate', {
      kind: 'jsms',
      draft: { name: SCHEDULE_NAMES.jsms, accountId: jsmsId, content: { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A-1024' } }, recipients: { listIds: [listId], pasted: '' } },
      at: `${inTwoDays}09:30`,
      zone,
    });
    await call('scheduleCreate', {
      kind: 'eims',
      eims: { mode: 'timed', draft: { name: SCHEDULE_NAMES.timed, accountId: eimsId, content: { mode: 'text', body: '限时抢购今晚 8 点开始。' }, recipients: { listIds: [listId], pasted: '' } }, at: `${inTwoDays}12:30`, zone },
    });
    // 600 numbers are over 4 KiB: the platform gets an .xls URL served by the receiver.
    await call('scheduleCreate', {
      kind: 'eims',
      eims: { mode: 'job', draft: { name: SCHEDULE_NAMES.job, accountId: eimsId, content: { mode: 'text', body: '夜间特卖' }, recipients: { listIds: [], pasted: mobiles(600, 5000).join('\n') } }, zone, job: { jobName: 'nightly', jobType: 'weekly', hour: 21, min: 0, week: 5 } },
    });

    // Everything the screens show has arrived: pushed reports, the box's results, an inbound SMS.
    await until('box campaign handed over', () => call<{ state: string }>('campaignGet', { id: boxCampaign }), handedOver);
    await box.flushPushes();
    // The box stamps an SMS to the second: wait one so the reply sorts after what was sent.
    await new Promise((r) => setTimeout(r, 1100));
    await box.receiveSms({ from: `+86${BOX_NUMBER}`, port: 2, text: INBOUND_TEXT });
    await box.flushPushes();
    await until('pushed reports', async () => (await call<{ counts: Record<string, number> }>('campaignGet', { id: doneId })).counts, (c) => c.delivered === 6 && c.failed === 2);
    await until('campaigns done', async () => Promise.all([doneId, boxCampaign].map(async (id) => (await call<{ state: string }>('campaignGet', { id })).state)), (states) => states.every((st) => st === 'done'));
    return { app, eims, jsms, box, csvFile, ids: { eims: eimsId, jsms: jsmsId, box: boxId, list: listId, done: doneId, paused: pausedId, boxCampaign }, call, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
