/**
 * Issue 19, parts 3 and 4, end to end: the built headless app in Chromium against the GSM box
 * simulator. Two campaigns go to overlapping numbers; the box pushes the replies; each campaign's page
 * shows the replies counted on it (the newest campaign that messaged the number). A keyword rule made
 * in the Automation window answers an SMS — the box sends the auto-reply exactly once although the
 * number sends the keyword again, before and after the app restarts. Pictured at 1024×700 and
 * 1280×800, in English and Chinese.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const [N1, N2, N3, N4, N5] = ['13900139101', '13900139102', '13900139103', '13900139104', '13900139105'];
const AUTO_REPLY = 'Open 9-18, Mon-Sat. 营业时间 9-18 点';
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;

async function callOk<T = Record<string, unknown>>(app: HeadlessApp, name: string, input?: unknown): Promise<T> {
  const res = await bridgeCall(app, name, input);
  expect(res.ok, `${name}: ${JSON.stringify(res.error)}`).toBe(true);
  return res.value as T;
}

/** Every campaign (auto-replies too) has handed over what it had to send. */
async function nothingSending(app: HeadlessApp): Promise<void> {
  await expect
    .poll(async () => (await callOk<{ state: string }[]>(app, 'campaignsList')).filter((c) => c.state === 'running' || c.state === 'preparing').length, { timeout: 30_000, interval: 200 })
    .toBe(0);
}

describe.runIf(run)('replies and inbox automation in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-inbox-auto-');
  const dataDir = join(tmp.dir, 'data');
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let boxId: string;
  let spring: string;
  let summer: string;
  const errors: string[] = [];
  const autoRepliesTo = (n: string) => box.state.outbox.filter((r) => r.phonenumber.endsWith(n) && r.message === AUTO_REPLY).length;

  async function startApp(): Promise<void> {
    app = await startHeadless(dataDir);
    await callOk(app, 'receiverConfigure', { host: '127.0.0.1', port: 0 });
    if (boxId) await callOk(app, 'boxPushSetup', { accountId: boxId, host: '127.0.0.1' });
  }

  beforeAll(async () => {
    box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 10, reportDelayMs: 20 });
    await startApp();
    boxId = (await callOk<{ id: string }>(app, 'accountsCreate', { config: { kind: 'gsmbox', name: 'Office box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 }, secrets: { password: 'demo-box-password' } })).id;
    await callOk(app, 'boxPushSetup', { accountId: boxId, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await box?.close();
    tmp.cleanup();
  });

  it('counts each reply on the newest campaign that messaged the number, as the campaign pages show', async () => {
    const send = async (name: string, numbers: string[]) => {
      const c = await callOk<{ id: string }>(app, 'campaignCreate', { name, accountId: boxId, content: { mode: 'text', body: `${name}: 20% off` }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
      await nothingSending(app);
      return c.id;
    };
    spring = await send('Spring sale', [N1, N2]);
    summer = await send('Summer sale', [N2, N3]);
    const at = Date.now() + 1000;
    await box.receiveSms({ from: `+86${N1}`, port: 1, text: 'Is the spring sale still on?', at });
    await box.receiveSms({ from: `+86${N2}`, port: 1, text: 'Yes please', at });
    await box.receiveSms({ from: `+86${N3}`, port: 1, text: 'TD', at });
    await box.receiveSms({ from: `+86${N4}`, port: 1, text: 'Who is this?', at });

    await page.goto(`${app.url}#/campaigns/${summer}`);
    const card = page.getByTestId('campaign-replies');
    await expect.poll(() => card.getByTestId('campaign-reply-count').textContent(), { timeout: 15_000 }).toBe('2');
    expect(await card.getByTestId('campaign-reply-rate').textContent()).toBe('100%');
    expect(await card.getByTestId('campaign-reply-optouts').textContent()).toBe('1');
    expect((await card.getByTestId('campaign-reply').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).sort()).toEqual([`+86${N2}`, `+86${N3}`]);

    await page.goto(`${app.url}#/campaigns/${spring}`);
    await expect.poll(() => card.getByTestId('campaign-reply-count').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await card.getByTestId('campaign-reply-rate').textContent()).toBe('50%');
    expect(await card.getByTestId('campaign-reply').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).toEqual([`+86${N1}`]);

    // From the campaign to the inbox, filtered to its replies.
    await card.getByTestId('campaign-replies-inbox').click();
    await page.getByTestId('screen-inbox').waitFor();
    await expect.poll(() => page.getByTestId('inbox-thread').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-number'))), { timeout: 10_000 }).toEqual([`+86${N1}`]);
  });

  it('a keyword rule made in the Automation window: the box sends the auto-reply exactly once, across a restart', async () => {
    await page.goto(`${app.url}#/inbox`);
    await page.getByTestId('inbox-automation').click();
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-keyword').fill('INFO');
    await page.getByTestId('rule-reply').fill(AUTO_REPLY);
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-row').waitFor();
    await page.keyboard.press('Escape');

    const t0 = Date.now();
    await box.receiveSms({ from: `+86${N5}`, port: 2, text: 'info please', at: t0 });
    await expect.poll(() => autoRepliesTo(N5), { timeout: 20_000 }).toBe(1);
    await box.receiveSms({ from: `+86${N5}`, port: 2, text: 'INFO', at: t0 + 2000 });
    await page.getByTestId('inbox-view').getByText('All').click();
    await page.locator(`[data-testid="inbox-thread"][data-number="+86${N5}"]`).click();
    // Both SMS are in the conversation, with the one auto-reply between them.
    await expect.poll(() => page.getByTestId('thread-text').allTextContents(), { timeout: 15_000 }).toEqual(['info please', AUTO_REPLY, 'INFO']);
    await nothingSending(app);
    expect(autoRepliesTo(N5)).toBe(1);

    await app.stop();
    await startApp();
    await box.receiveSms({ from: `+86${N5}`, port: 2, text: 'Info!', at: t0 + 4000 });
    await expect
      .poll(async () => (await callOk<{ items: { kind: string }[] }>(app, 'inboxThread', { number: `+86${N5}` })).items.filter((i) => i.kind === 'in').length, { timeout: 15_000 })
      .toBe(3);
    await nothingSending(app);
    await box.flushPushes();
    expect(autoRepliesTo(N5)).toBe(1);
    expect(box.state.outbox.filter((r) => r.phonenumber.endsWith(N5)).map((r) => r.port)).toEqual([2]);
  });

  for (const size of SIZES)
    for (const lang of ['en', 'zh'] as const) {
      it(`pictures the replies and the automation at ${size.width}×${size.height} in ${lang}`, async () => {
        await callOk(app, 'settingsUpdate', { language: lang, quickReplies: lang === 'en' ? ['Thanks, we will call you back today.'] : ['谢谢，我们今天会回电。'] });
        const p = await browser.newPage({ viewport: size });
        p.on('pageerror', (e) => errors.push(e.message));
        const name = (what: string) => screenshotPath(`inbox-auto-${what}-${size.width}-${lang}`);
        await p.goto(`${app.url}#/campaigns/${summer}`);
        await expect.poll(() => p.getByTestId('campaign-reply-count').textContent(), { timeout: 15_000 }).toBe('2');
        await p.getByTestId('campaign-replies').scrollIntoViewIfNeeded();
        await p.screenshot({ path: name('campaign') });

        await p.goto(`${app.url}#/inbox`);
        await p.getByTestId('inbox-view').getByText(lang === 'en' ? 'All' : '全部').click();
        await p.locator(`[data-testid="inbox-thread"][data-number="+86${N2}"]`).click();
        await expect.poll(() => p.getByTestId('thread-reply-to').count(), { timeout: 10_000 }).toBe(1);
        await p.getByTestId('reply-snippets').click();
        await p.getByTestId('reply-snippet').first().click();
        await p.mouse.move(0, 0);
        await p.waitForTimeout(250);
        await p.screenshot({ path: name('inbox') });

        await p.getByTestId('inbox-automation').click();
        await p.getByTestId('rule-row').waitFor();
        await p.waitForTimeout(300);
        await p.screenshot({ path: name('rules') });
        await p.close();
      });
    }

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
