/**
 * Issue 16, items 4, 6 and 7, in the built headless app in Chromium against the simulators — what the
 * screens show checked against what the simulators hold:
 * - cost: the pre-send summary shows segments (never compared with a money balance) until the account
 *   gets a price per segment in the Accounts form, then money against the balance; a JSMS marketing
 *   template against the marketing + all-type quota; the Accounts screen and the dashboard show the
 *   four JSMS quotas as the simulator holds them, and what the box's SIMs may still send today;
 * - what was sent: a JSMS template send shows in the inbox, the message log and the campaign's
 *   messages exactly as the simulator recorded it, with the contact's name; a template JSMS cannot
 *   tell is labelled with its id and parameters; a long conversation opens at its newest message;
 * - a reply typed in the inbox and the box push test are single messages: they reach the provider once,
 *   stay out of the campaign list and the dashboard, and are listed under Messages → Single messages.
 * Each screen is pictured at 1024×700 and 1280×800, in English and Chinese (tests/e2e/artifacts/truth/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../sim/jsms.ts';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';
import { until } from './support/until.ts';
import { handedOver } from '../helpers/sending.ts';

const run = browserAvailable();
const OUT = join(ARTIFACTS, 'truth');
const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;
const LANGS = ['en', 'zh'] as const;
const VIP_CSV = ['phone,姓名', '13800138001,张伟', '13800138002,王芳', '13800138003,李娜'].join('\n');
const ZHANG = '13800138001';

describe.runIf(run)('what the screens say is true', () => {
  const tmp = makeTempDir('sms-e2e-truth-');
  let eims: EimsSim;
  let jsms: JsmsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let jsmsId = '';
  let boxId = '';
  let listId = '';
  let orderId = '';
  const errors: string[] = [];

  const call = async <T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, `${name}: ${JSON.stringify(res.error)}`).toBe(true);
    return res.value as T;
  };
  /** Nothing left to send: the campaign is handed over (waiting for its reports) or already done. */
  const waitHandedOver = (id: string) => until(`campaign ${id}`, () => call<{ state: string }>('campaignGet', { id }), handedOver);
  const open = async (hash: string, testId: string) => {
    await page.goto(`${app.url}${hash}`);
    await page.getByTestId(testId).first().waitFor({ timeout: 15_000 });
  };
  /** The picture of what is on screen now, once per viewport and language. */
  const picture = async (name: string, lang: string, prepare?: () => Promise<void>) => {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await prepare?.();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `${name}-${lang}-${vp.width}x${vp.height}.png`) });
    }
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    eims = await startEimsSim({ balance: 1000 });
    jsms = await startJsmsSim({ appBalance: 10, appIndustry: 5000, appMarket: null });
    box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 20, reportDelayMs: 60 });
    app = await startHeadless(join(tmp.dir, 'data'));
    await call('receiverConfigure', { host: '127.0.0.1', port: 0 });
    await call('accountsCreate', { config: { kind: 'eims', name: 'EIMS platform', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
    jsmsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'jsms', name: 'JPush SMS', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } })).id;
    boxId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'gsmbox', name: 'Office GSM box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 }, secrets: { password: 'demo-box-password' } })).id;
    await call('boxPushSetup', { accountId: boxId, host: '127.0.0.1' });

    const opened = await call<{ importId: string }>('importOpen', { fileName: 'vip.csv', base64: Buffer.from(VIP_CSV).toString('base64') });
    await call('importAnalyse', { importId: opened.importId });
    listId = (await call<{ listId: string }>('importCommit', { importId: opened.importId, target: { newListName: 'VIP 客户' } })).listId;

    // A JSMS notice to the list; then one with a template JSMS will no longer tell (deleted after the send).
    jsms.state.templates.set(5, { id: 5, type: 2, template: '{{name}}，您的验证码是 {{code}}', status: 1 });
    orderId = (await call<{ id: string }>('campaignCreate', { name: 'Order shipped 发货通知', accountId: jsmsId, content: { mode: 'template', tempId: 2, params: { name: '{姓名}', order: 'A-1024' } }, recipients: { listIds: [listId], pasted: '' }, confirmed: true })).id;
    await waitHandedOver(orderId);
    // Sending reads a template's text once; here JSMS fails that read, and the template is gone after the send.
    jsms.faults.force('error500');
    const gone = await call<{ id: string }>('campaignCreate', { name: 'Codes', accountId: jsmsId, content: { mode: 'template', tempId: 5, params: { name: '{姓名}', code: '4711' } }, recipients: { listIds: [], pasted: '13800138009' }, confirmed: true });
    await waitHandedOver(orderId);
    await waitHandedOver(gone.id);
    jsms.state.templates.delete(5);
    // The marketing template, added to the app's list by its id (as the Templates screen does) for Compose's picker.
    await call('jsmsTemplateAdd', { accountId: jsmsId, tempId: 3 });
    // A box campaign, then 张伟 writes back to the box many times: a long conversation.
    const boxCampaign = await call<{ id: string }>('campaignCreate', { name: 'Pickup reminder', accountId: boxId, content: { mode: 'text', body: 'Your order is ready for pickup on Friday.' }, recipients: { listIds: [], pasted: '13900139001' }, confirmed: true });
    await waitHandedOver(boxCampaign.id);
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 1; i <= 14; i++) await box.receiveSms({ from: `+86${ZHANG}`, port: 2, text: `第 ${i} 条：周五几点可以取货？`, at: Date.now() + i * 1000 });
    await box.flushPushes();
    await until('the conversation', async () => (await call<{ items: unknown[] }>('inboxThread', { number: `+86${ZHANG}` })).items.length, (n) => n === 15);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORTS[1] });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await eims?.close();
    await jsms?.close();
    await box?.close();
    tmp.cleanup();
  });

  it('shows a sent JSMS template as the phone got it, with the contact’s name, in the inbox, the log and the campaign; a conversation opens at its newest message', async () => {
    const got = jsms.state.accepted.find((a) => a.number === ZHANG)!.content;
    expect(got).toBe('Hello 张伟, your order A-1024 has shipped.');
    for (const lang of LANGS) {
      await call('settingsUpdate', { language: lang });
      await open('#/inbox', 'screen-inbox');
      const thread = page.locator(`[data-testid="inbox-thread"][data-number="+86${ZHANG}"]`);
      await thread.waitFor({ timeout: 10_000 });
      expect(await thread.getByTestId('inbox-thread-name').textContent()).toBe('张伟');
      await thread.click();
      await expect.poll(() => page.getByTestId('thread-item').count(), { timeout: 10_000 }).toBe(15);
      expect(await page.getByTestId('thread-name').textContent()).toBe('张伟');
      expect(await page.getByTestId('thread-text').first().textContent()).toBe(got);
      const atNewest = () =>
        page.getByTestId('thread-scroll').evaluate((root) => {
          const v = root.querySelector('.mantine-ScrollArea-viewport') as HTMLElement;
          return v.scrollHeight > v.clientHeight + 50 && Math.abs(v.scrollHeight - v.clientHeight - v.scrollTop) < 4;
        });
      await expect.poll(atNewest, { timeout: 5_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('thread-item').last().isVisible()).toBe(true);
      // It stays at the newest message when the window changes size.
      await picture('inbox-thread', lang, async () => expect.poll(atNewest, { timeout: 5_000 }).toBe(true));

      await open('#/messages', 'screen-messages');
      const row = page.locator(`[data-testid="log-row"][data-e164="+86${ZHANG}"]`).filter({ hasText: 'A-1024' });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.getByTestId('log-text').textContent()).toBe(got);
      expect(await row.getByTestId('log-name').textContent()).toBe('张伟');
      const unknown = page.locator('[data-testid="log-row"][data-e164="+8613800138009"]');
      expect(await unknown.getByTestId('log-text').textContent()).toBe(lang === 'en' ? 'Template #5 (text not known): name=, code=4711' : '模板 #5（内容未知）：name=, code=4711');
      await picture('messages', lang);

      await open(`#/campaigns/${orderId}`, 'campaign-detail');
      await expect.poll(() => page.getByTestId('message-row').count(), { timeout: 10_000 }).toBe(3);
      const texts = await page.getByTestId('message-text').allTextContents();
      expect(texts.sort()).toEqual(jsms.state.accepted.filter((a) => a.content.includes('A-1024')).map((a) => a.content).sort());
      expect((await page.getByTestId('message-name').allTextContents()).sort()).toEqual(['张伟', '李娜', '王芳'].sort());
      await picture('campaign-messages', lang);
    }
    expect(errors).toEqual([]);
  });

  it('a reply from the inbox and the box push test reach the provider once and are single messages, not campaigns', async () => {
    await call('settingsUpdate', { language: 'en' });
    await open('#/inbox', 'screen-inbox');
    await page.locator(`[data-testid="inbox-thread"][data-number="+86${ZHANG}"]`).click();
    await page.getByTestId('reply-account').click();
    await page.getByRole('option', { name: 'EIMS platform' }).click();
    await page.getByTestId('reply-text').fill('Friday from 10:00. See you!');
    await page.getByTestId('reply-send').click();
    await expect.poll(() => eims.state.accepted.filter((a) => a.content === 'Friday from 10:00. See you!').map((a) => a.number), { timeout: 15_000 }).toEqual([`86${ZHANG}`]);
    await expect.poll(() => page.getByTestId('thread-single').allTextContents(), { timeout: 10_000 }).toEqual(['Reply']);
    const test = await call<{ messageId: number }>('boxPushTest', { accountId: boxId, number: '13700137000', waitSeconds: 5 });
    expect(box.state.accepted.filter((a) => a.content === 'SMS console: push test')).toHaveLength(1);

    const campaigns = await call<{ name: string }[]>('campaignsList');
    expect(campaigns.map((c) => c.name).sort()).toEqual(['Codes', 'Order shipped 发货通知', 'Pickup reminder']);
    for (const lang of LANGS) {
      await call('settingsUpdate', { language: lang });
      await open('#/campaigns', 'screen-campaigns');
      await expect.poll(() => page.getByTestId('campaign-row').count(), { timeout: 10_000 }).toBe(3);
      await open('#/dashboard', 'screen-dashboard');
      await expect.poll(() => page.getByTestId('dash-campaign').count(), { timeout: 10_000 }).toBe(3);

      await open('#/messages', 'screen-messages');
      await page.getByTestId('log-show').getByText(lang === 'en' ? 'Single messages' : '单条短信').click();
      await expect.poll(() => page.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(2);
      const [testRow, replyRow] = await page.getByTestId('log-row-campaign').allTextContents();
      expect(testRow).toMatch(lang === 'en' ? /^Box push test · GSM gateway · port \d$/ : /^网关推送测试 · GSM 网关 · 端口 \d$/);
      expect(replyRow).toBe(lang === 'en' ? 'Reply · EIMS' : '回复 · EIMS');
      expect(await page.getByTestId('log-row').first().getAttribute('data-id')).toBe(String(test.messageId));
      await picture('messages-singles', lang);
    }
  });

  it('cost: segments until the account has a price, then money against the balance; JSMS quotas and SIM capacity as the simulators hold them', async () => {
    const showSummary = () => page.getByTestId('compose-summary').evaluate((el) => ((el as HTMLElement).style.scrollMarginTop = '72px', el.scrollIntoView({ block: 'start' })));
    const review = async (accountName: string, fill: () => Promise<void>) => {
      await open('#/compose', 'screen-compose');
      await page.getByTestId('compose-name').fill('Weekend');
      await page.getByTestId('compose-account').click();
      await page.getByRole('option', { name: accountName }).click();
      await fill();
      await page.getByTestId('compose-review').click();
      await page.getByTestId('compose-summary').waitFor();
      await showSummary();
    };
    const eimsText = async () => {
      await page.getByTestId('compose-lists').click();
      await page.getByRole('option', { name: /VIP 客户/ }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('compose-body').fill('x'.repeat(161));
    };
    for (const lang of LANGS) {
      await call('settingsUpdate', { language: lang });
      // No price: the segment count, and the balance (money) is not compared with it.
      await review('EIMS platform', eimsText);
      expect(await page.getByTestId('summary-cost').textContent()).toBe(lang === 'en' ? '6 segments' : '6 条计费短信');
      // The platform's balance as the simulator holds it (the reply above cost it 0.05).
      expect(await page.getByTestId('summary-balance').textContent()).toBe(eims.state.balance.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
      expect(await page.getByTestId('summary-over-balance').count()).toBe(0);
      await picture('compose-no-price', lang, showSummary);
    }

    // The price goes in through the Accounts form.
    await call('settingsUpdate', { language: 'en' });
    await open('#/accounts', 'screen-accounts');
    await page.locator('[data-testid="account-row"]', { hasText: 'EIMS platform' }).getByTestId('account-edit').click();
    await page.getByLabel(/^Price per SMS segment/).fill('200');
    await page.getByLabel(/^Currency/).fill('cny');
    await picture('account-form-price', 'en', async () => {
      await page.getByLabel(/^Currency/).scrollIntoViewIfNeeded();
    });
    await page.getByTestId('account-save').click();
    await expect.poll(() => page.getByTestId('account-form').count()).toBe(0);

    for (const lang of LANGS) {
      await call('settingsUpdate', { language: lang });
      await review('EIMS platform', eimsText);
      // 6 segments × CN¥200 = CN¥1,200 against the simulator's balance (999.95).
      expect(eims.state.balance).toBe(999.95);
      expect(await page.getByTestId('summary-cost').textContent()).toBe('¥1,200.00');
      expect(await page.getByTestId('summary-balance').textContent()).toBe('¥999.95');
      expect(await page.getByTestId('summary-over-balance').getAttribute('data-source')).toBe('eims-balance');
      await picture('compose-price-over', lang, showSummary);

      // A marketing template draws on the marketing quota (none) and the all-type quota (10).
      await review('JPush SMS', async () => {
        await page.getByTestId('compose-template-select').click();
        await page.getByRole('option', { name: /^#3 · / }).click();
        await page.getByTestId('compose-pasted').fill(['13900000001', '13900000002', '13900000003', '13900000004', '13900000005', '13900000006', '13900000007', '13900000008', '13900000009', '13900000010', '13900000011', '13900000012'].join('\n'));
      });
      expect(await page.getByTestId('summary-balance').textContent()).toBe(lang === 'en' ? '10 SMS' : '10 条');
      expect(await page.getByTestId('summary-over-balance').getAttribute('data-source')).toBe('jsms-market');
      await picture('compose-jsms-quota', lang, showSummary);

      await open('#/accounts', 'screen-accounts');
      const jsmsRow = page.locator('[data-testid="account-row"]', { hasText: 'JPush SMS' });
      await jsmsRow.getByTestId('account-test').click();
      await expect.poll(() => jsmsRow.getByTestId('account-check-balance').count(), { timeout: 15_000 }).toBe(4);
      const amounts = await jsmsRow.getByTestId('account-check-balance').evaluateAll((els) => els.map((e) => e.getAttribute('data-amount')));
      expect(amounts).toEqual([jsms.state.appBalance, jsms.state.appIndustry, jsms.state.appMarket, jsms.state.appVoice].map((n) => (n === null ? '' : String(n))));
      await picture('accounts-jsms-quotas', lang);

      await open('#/dashboard', 'screen-dashboard');
      const boxPanel = page.getByTestId('dash-box');
      await boxPanel.waitFor({ timeout: 20_000 });
      // 4 SIMs × 300 a day, less what the box accepted today (the simulator's record).
      await expect.poll(() => boxPanel.getByTestId('dash-box-left').getAttribute('data-count'), { timeout: 10_000 }).toBe(String(4 * 300 - box.state.accepted.length));
      const jsmsBalance = page.locator('[data-testid="dash-balance"]', { hasText: 'JPush SMS' });
      expect(await jsmsBalance.textContent()).toContain(lang === 'en' ? 'App industry SMS (codes, notices): 4,997' : '应用行业短信余量（验证码、通知）：4,997');
      await picture('dashboard', lang, async () => {
        await page.getByTestId('dash-balances').scrollIntoViewIfNeeded();
      });
    }
    expect(errors).toEqual([]);
  });
});
