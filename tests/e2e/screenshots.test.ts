/**
 * Screenshots of every screen in English and Simplified Chinese, taken from the built headless app in
 * Chromium against the EIMS, JSMS and GSM box simulators (issue #8). Realistic data is seeded through
 * the bridge: an account of each kind, a list imported from a small CSV (Chinese names), opt-outs, a
 * finished EIMS campaign with delivered and failed messages (reports pushed by the simulator), a paused
 * one, an inbound SMS from the box, a local schedule and a provider-side (JSMS) one. Then every screen
 * is visited in both languages; each visit checks its screen and a seeded value before the picture.
 *
 * Pictures (1280×800 JPEG) go to tests/e2e/artifacts/screenshots/ — or, with UPDATE_SCREENSHOTS=1, to
 * docs/screenshots/<nn>-<screen>-<lang>.jpg (see docs/screenshots/README.md), so CI never rewrites
 * tracked files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_IDS, type RouteId } from '../../src/renderer/src/routes.ts';
import { formatLocalDateTime } from '../../src/shared/zoned-time.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../sim/jsms.ts';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const OUT_DIR = UPDATE ? join(import.meta.dirname, '../../docs/screenshots') : join(ARTIFACTS, 'screenshots');
const LANGS = ['en', 'zh'] as const;
type Lang = (typeof LANGS)[number];

const CUSTOMERS_CSV = [
  'phone,name,city',
  '13800138001,张伟,上海',
  '13800138002,王芳,北京',
  '13800138003,李娜,杭州',
  '13800138004,Ann Lee,深圳',
  '13800138005,刘洋,广州',
  '13800138006,陈静,成都',
  '12345,短号,南京',
].join('\n');
/** The file the import wizard is pictured with: the list's rows, a landline and a row repeating 王芳's number. */
const IMPORT_CSV = `${CUSTOMERS_CSV}\n010-6552 1234,前台,北京\n138 0013 8002,,北京`;
const OPTED_OUT = ['13800138006', '13700137000'];
const BOX_NUMBER = '13900139001';
const INBOUND_TEXT = '收到，谢谢！周五见';

/** The pictures, in gallery order: `<nn>-<screen>`. */
const SHOTS = {
  dashboard: '01-dashboard',
  compose: '02-compose-summary',
  campaigns: '03-campaigns',
  campaign: '04-campaign-detail',
  messages: '05-messages',
  inbox: '06-inbox',
  contacts: '07-contacts',
  contactsImport: '08-contacts-import-preview',
  schedules: '09-schedules',
  accounts: '10-accounts',
  settings: '11-settings',
  receiver: '12-settings-receiver',
  templates: '13-templates',
} as const satisfies Record<RouteId | 'campaign' | 'contactsImport' | 'receiver', string>;

/** What each language says where a seeded value is not enough to tell the language apart. */
const TEXT = {
  en: { dashboard: 'Dashboard', send: /^Send to 6 /, contacts: 'contacts' },
  zh: { dashboard: '概览', send: /^发送给 6 /, contacts: '个联系人' },
} as const;

/** Polls until `ok(value)` (expect.poll only works inside a test, this runs in beforeAll). */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

describe.runIf(run)('screenshots of every screen, en and zh', () => {
  const tmp = makeTempDir('sms-e2e-screenshots-');
  const csvFile = join(tmp.dir, 'customers.csv');
  let eims: EimsSim;
  let jsms: JsmsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let doneId = '';
  let pausedId = '';
  const errors: string[] = [];
  const visited = new Set<string>();

  const call = async <T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, `${name}: ${JSON.stringify(res.error)}`).toBe(true);
    return res.value as T;
  };
  const shot = async (key: keyof typeof SHOTS, lang: Lang) => {
    // Let transitions (modals, popovers, charts) settle before the picture.
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(OUT_DIR, `${SHOTS[key]}-${lang}.jpg`), type: 'jpeg', quality: 70, fullPage: process.env.SCREENSHOT_FULLPAGE === '1' });
    visited.add(`${key}-${lang}`);
  };
  const open = async (hash: string, testId: string) => {
    await page.goto(`${app.url}${hash}`);
    await page.getByTestId(testId).first().waitFor({ timeout: 15_000 });
  };

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(csvFile, IMPORT_CSV);
    eims = await startEimsSim({ balance: 8620 });
    jsms = await startJsmsSim();
    box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 20, reportDelayMs: 60 });
    app = await startHeadless(join(tmp.dir, 'data'));
    await call('receiverConfigure', { host: '127.0.0.1', port: 0 });

    const eimsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'eims', name: 'EIMS platform', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id;
    const jsmsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'jsms', name: 'JPush SMS', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } })).id;
    const boxId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'gsmbox', name: 'Office GSM box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 }, secrets: { password: 'demo-box-password' } })).id;
    const receiver = await call<{ urls: Array<{ accountId: string; url: string }> }>('receiverStatus');
    eims.state.pushUrl = receiver.urls.find((u) => u.accountId === eimsId)!.url;
    // JSMS templates: one made in the JSMS console, added by id; one submitted here and rejected, with the reason pushed back.
    await call('jsmsTemplateAdd', { accountId: jsmsId, tempId: 2 });
    const rejected = await call<{ tempId: number }>('jsmsTemplateCreate', { accountId: jsmsId, fields: { template: '【限时】{{name}}，全场五折，点击领取', type: 3 } });
    await jsms.review('template', rejected.tempId, 2, '模板内容不能包含【】', receiver.urls.find((u) => u.accountId === jsmsId)!.url);
    await call('jsmsTemplateCreate', { accountId: jsmsId, fields: { template: '{{name}}您好，您的订单{{order}}已发货。', type: 2, remark: '发货通知' } });
    await call('boxPushSetup', { accountId: boxId, host: '127.0.0.1' });

    const opened = await call<{ importId: string }>('importOpen', { fileName: 'customers.csv', base64: Buffer.from(CUSTOMERS_CSV).toString('base64') });
    await call('importAnalyse', { importId: opened.importId });
    const committed = await call<{ listId: string }>('importCommit', { importId: opened.importId, target: { newListName: '上海客户 VIP' } });
    const listId = committed.listId;
    expect(listId).toBeTruthy();
    await call('optOutsAdd', { numbers: OPTED_OUT, note: '回复 TD 退订', region: 'CN' });

    // A finished EIMS campaign: delivered, with two failures, reported by push.
    doneId = (await call<{ id: string }>('campaignCreate', { name: 'Spring sale 春季特惠', accountId: eimsId, content: { mode: 'text', body: '{name}您好，春季特惠今天开始，全场八折。' }, recipients: { listIds: [listId], pasted: '13800138011\n13800138012\n13800138013' }, confirmed: true })).id;
    await until('finished campaign', async () => (await call<{ state: string }>('campaignGet', { id: doneId })).state, (s) => s === 'done');
    const simIds = [...eims.state.messages.keys()];
    eims.deliverAll(3);
    for (const id of simIds.slice(-2)) eims.setReport(id, 0, 2);
    expect(await eims.pushReports()).toBeGreaterThan(0);
    // A box campaign to the number that will write back.
    const boxCampaign = await call<{ id: string }>('campaignCreate', { name: 'Pickup reminder', accountId: boxId, content: { mode: 'text', body: 'Your order is ready for pickup on Friday.' }, recipients: { listIds: [], pasted: BOX_NUMBER }, confirmed: true });
    // A campaign held by quiet hours (now ± 1 h on this PC), then paused.
    const now = Date.now();
    pausedId = (await call<{ id: string }>('campaignCreate', { name: 'Member newsletter', accountId: eimsId, content: { mode: 'text', body: 'News for members: new arrivals this week.' }, recipients: { listIds: [listId], pasted: '' }, quietHours: { start: hhmm(now - 3_600_000), end: hhmm(now + 3_600_000) }, confirmed: true })).id;
    await call('campaignPause', { id: pausedId });

    // Schedules: a local one on this PC, and one held by JSMS.
    const zone = 'Asia/Shanghai';
    await call('scheduleCreate', {
      kind: 'local',
      draft: { name: 'Weekly tips', accountId: eimsId, content: { mode: 'text', body: '本周小贴士：{name}，记得查收优惠券。' }, recipients: { listIds: [listId], pasted: '' } },
      when: { zone, repeat: { kind: 'weekly', time: '09:00', days: [1] } },
      missedPolicy: 'run-once',
    });
    await call('scheduleCreate', {
      kind: 'jsms',
      draft: { name: 'Shipping notice', accountId: jsmsId, content: { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A-1024' } }, recipients: { listIds: [listId], pasted: '' } },
      at: formatLocalDateTime(now + 2 * 86_400_000, zone).slice(0, 11) + '09:30',
      zone,
    });

    // Everything the pictures show has arrived: pushed reports, the box's results, an inbound SMS.
    await until('box campaign', async () => (await call<{ state: string }>('campaignGet', { id: boxCampaign.id })).state, (st) => st === 'done');
    await box.flushPushes();
    // The box stamps an SMS to the second: wait one so the reply sorts after what was sent.
    await new Promise((r) => setTimeout(r, 1100));
    await box.receiveSms({ from: `+86${BOX_NUMBER}`, port: 2, text: INBOUND_TEXT });
    await box.flushPushes();
    await until('pushed reports', async () => (await call<{ counts: Record<string, number> }>('campaignGet', { id: doneId })).counts, (c) => c.delivered === 6 && c.failed === 2);

    browser = await launchChromium();
    // SCREENSHOT_VIEWPORT=1024x700 looks at the narrow window too (the gallery is 1280×800).
    const [width, height] = (process.env.SCREENSHOT_VIEWPORT ?? '1280x800').split('x').map(Number);
    page = await browser.newPage({ viewport: { width: width ?? 1280, height: height ?? 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await eims?.close();
    await jsms?.close();
    await box?.close();
    tmp.cleanup();
  });

  for (const lang of LANGS) {
    it(`pictures every screen in ${lang === 'en' ? 'English' : 'Simplified Chinese'}`, async () => {
      await call('settingsUpdate', { language: lang });

      await open('#/dashboard', 'screen-dashboard');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 10_000 }).toBe(TEXT[lang].dashboard);
      await expect.poll(async () => Number(await page.getByTestId('dash-today-delivered').getAttribute('data-count')), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
      await expect.poll(() => page.getByTestId('dash-balance').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      await expect.poll(() => page.getByTestId('dash-campaign').count()).toBeGreaterThanOrEqual(3);
      await shot('dashboard', lang);

      await open('#/compose', 'screen-compose');
      await page.getByTestId('compose-name').fill(lang === 'en' ? 'Weekend flash sale' : '周末限时特卖');
      await page.getByTestId('compose-account').click();
      await page.getByRole('option', { name: 'EIMS platform' }).click();
      await page.getByTestId('compose-lists').click();
      await page.getByRole('option', { name: /上海客户 VIP/ }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('compose-body').fill(lang === 'en' ? 'Hi {name}, 20% off everything this weekend.' : '{name}您好，本周末全场八折！');
      await page.getByTestId('compose-pasted').fill('13900139000 / 010-6552 1234\n123');
      await page.getByTestId('compose-review').click();
      await page.getByTestId('compose-summary').waitFor();
      expect(await page.getByTestId('summary-recipients').getAttribute('data-count')).toBe('6');
      expect(await page.getByTestId('summary-opted-out').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('summary-invalid').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('summary-non-mobile').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('compose-send').textContent()).toMatch(TEXT[lang].send);
      // The summary from its title, clear of the app's fixed header.
      await page.getByTestId('compose-summary').evaluate((el) => ((el as HTMLElement).style.scrollMarginTop = '72px', el.scrollIntoView({ block: 'start' })));
      await shot('compose', lang);

      await open('#/campaigns', 'screen-campaigns');
      await expect.poll(() => page.getByTestId('campaign-row').count(), { timeout: 10_000 }).toBe(3);
      expect(await page.getByTestId('campaigns-table').textContent()).toContain('Spring sale 春季特惠');
      await shot('campaigns', lang);

      await open(`#/campaigns/${doneId}`, 'campaign-detail');
      const detail = page.getByTestId('campaign-detail');
      expect(await page.getByTestId('campaign-title').textContent()).toBe('Spring sale 春季特惠');
      await expect.poll(() => detail.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
      await expect.poll(() => detail.getAttribute('data-final'), { timeout: 10_000 }).toBe('8');
      await expect.poll(() => page.getByTestId('message-row').count()).toBe(8);
      await shot('campaign', lang);

      await open('#/messages', 'screen-messages');
      await expect.poll(() => page.getByTestId('log-total').getAttribute('data-count'), { timeout: 10_000 }).toBe('14'); // 8 finished + 1 box + 5 paused
      await expect.poll(async () => (await page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).filter((s) => s === 'failed').length).toBe(2);
      await shot('messages', lang);

      await open('#/inbox', 'screen-inbox');
      const thread = page.locator(`[data-testid="inbox-thread"][data-number="+86${BOX_NUMBER}"]`);
      await thread.waitFor({ timeout: 10_000 });
      await thread.click();
      await expect.poll(() => page.getByTestId('thread-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).join(',')), { timeout: 10_000 }).toBe('out,in');
      expect(await page.getByTestId('thread-text').last().textContent()).toBe(INBOUND_TEXT);
      await shot('inbox', lang);

      await open('#/contacts', 'screen-contacts');
      const list = page.getByTestId('list-row');
      await expect.poll(() => list.count(), { timeout: 10_000 }).toBe(1);
      expect(await list.getByTestId('list-name').textContent()).toBe('上海客户 VIP');
      await page.getByTestId('list-open').click();
      await expect.poll(() => page.getByTestId('contact-row').count(), { timeout: 10_000 }).toBe(6);
      expect(await page.getByTestId('contacts-total').textContent()).toContain(TEXT[lang].contacts);
      expect(await page.getByTestId('contacts-table').textContent()).toContain('张伟');
      await shot('contacts', lang);

      await page.getByTestId('contacts-tab-lists').click();
      await page.getByTestId('lists-import').click();
      await page.getByTestId('import-file').setInputFiles(csvFile);
      await page.getByTestId('import-format').waitFor();
      for (let step = 0; step < 3; step++) {
        const next = page.getByTestId('import-next');
        await expect.poll(() => next.isEnabled(), { timeout: 10_000 }).toBe(true);
        await next.click();
      }
      await expect.poll(() => page.getByTestId('import-count-valid').getAttribute('data-count'), { timeout: 10_000 }).toBe('7');
      expect(await page.getByTestId('import-count-invalid').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('import-count-nonMobile').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('import-duplicate-row').getAttribute('data-duplicate-of')).toBe('3');
      expect(await page.getByTestId('import-preview-rows').textContent()).toContain('王芳');
      await shot('contactsImport', lang);
      await page.getByTestId('import-restart').click();

      await open('#/schedules', 'screen-schedules');
      await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(2);
      await page.locator('[data-testid="schedule-row"][data-kind="jsms"]').getByTestId('schedule-next-provider').waitFor();
      expect(await page.getByTestId('schedules-table').textContent()).toContain('Weekly tips');
      await shot('schedules', lang);

      await open('#/templates', 'screen-templates');
      await expect.poll(() => page.getByTestId('template-row').count(), { timeout: 10_000 }).toBe(3);
      expect(await page.locator('[data-testid="template-row"][data-status="rejected"]').getByTestId('review-reason').textContent()).toContain('模板内容不能包含【】');
      await shot('templates', lang);

      await open('#/accounts', 'screen-accounts');
      await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 10_000 }).toBe(3);
      expect((await page.getByTestId('account-name').allTextContents()).sort()).toEqual(['EIMS platform', 'JPush SMS', 'Office GSM box']);
      await shot('accounts', lang);

      await open('#/settings', 'screen-settings');
      await expect.poll(() => page.getByTestId('settings-language').inputValue()).toBe(lang === 'en' ? 'English' : '简体中文');
      await shot('settings', lang);
      const panel = page.getByTestId('receiver-panel');
      await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('listening');
      await expect.poll(() => page.getByTestId('receiver-url').count()).toBe(3);
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('receiver', lang);

      expect(errors).toEqual([]);
    }, 60_000);
  }

  it('took a picture of every route, the campaign detail, the import preview and the receiver panel', () => {
    for (const lang of LANGS) {
      for (const id of ROUTE_IDS) expect(visited, `${id}-${lang}`).toContain(`${id}-${lang}`);
      for (const extra of ['campaign', 'contactsImport', 'receiver']) expect(visited).toContain(`${extra}-${lang}`);
    }
  });
});
