/**
 * Sending end to end: the built headless app in Chromium against the EIMS simulator. An account and a
 * list are created through the bridge; then, in the real renderer, compose a message with a variable,
 * add pasted numbers, review the pre-send summary (opt-out, invalid, duplicate left out), confirm, and
 * watch the campaign until every message has been handed to the platform — in English and in Chinese.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();

const LIST_CSV = ['phone,name', '13800138001,Ann', '13800138002,Bob', '13800138003,Cai', '13800138004,Dong', '13800138005,Eve'].join('\n');
const OPTED_OUT = '13800138005';
/** One new number, one that is not a number, one already in the list. */
const PASTED = '13900139000\n123\n13800138001';

describe.runIf(run)('sending in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-sending-');
  let eims: EimsSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: screenshotPath(`sending-${name}`), fullPage: true });
  const call = async (name: string, input?: unknown) => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    return res.value as Record<string, unknown>;
  };

  beforeAll(async () => {
    eims = await startEimsSim({ balance: 100 });
    app = await startHeadless(join(tmp.dir, 'data'));
    await call('accountsCreate', { config: { kind: 'eims', name: 'EIMS sim', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
    const opened = await call('importOpen', { fileName: 'vip.csv', base64: Buffer.from(LIST_CSV).toString('base64') });
    await call('importAnalyse', { importId: opened.importId });
    await call('importCommit', { importId: opened.importId, target: { newListName: 'VIP' } });
    await call('optOutsAdd', { numbers: [OPTED_OUT], note: 'asked to stop', region: 'CN' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await eims?.close();
    tmp.cleanup();
  });

  async function composeAndSend(lang: 'en' | 'zh', name: string, text: (variable: string) => [string, string]) {
    await page.goto(`${app.url}#/compose`);
    await page.getByTestId('screen-compose').waitFor();
    await page.getByTestId('compose-name').fill(name);
    await page.getByTestId('compose-account').click();
    await page.getByRole('option', { name: 'EIMS sim' }).click();
    await page.getByTestId('compose-mode').waitFor();

    await page.getByTestId('compose-lists').click();
    await page.getByRole('option', { name: /VIP/ }).click();
    await page.keyboard.press('Escape');
    const [before, after] = text('name');
    await page.getByTestId('compose-body').fill(before + after);
    // Put the caret between the two halves and insert {name} from its chip.
    await page.getByTestId('compose-body').evaluate((el, at) => (el as HTMLTextAreaElement).setSelectionRange(at, at), before.length);
    await page.locator('[data-testid="variable-chip"][data-variable="name"]').click();
    await expect.poll(() => page.getByTestId('compose-body').inputValue()).toBe(`${before}{name}${after}`);
    await page.getByTestId('compose-pasted').fill(PASTED);

    await page.getByTestId('compose-review').click();
    const summary = page.getByTestId('compose-summary');
    await summary.waitFor();
    expect(await page.getByTestId('summary-recipients').getAttribute('data-count')).toBe('5');
    expect(await page.getByTestId('summary-opted-out').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('summary-invalid').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('summary-duplicates').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('summary-excluded-row').count()).toBe(2);
    expect(await page.getByTestId('summary-sample').first().textContent()).toMatch(/Ann|Bob|Cai|Dong/);
    await shot(`1-compose-summary-${lang}`);

    await page.getByTestId('compose-send').click();
    await page.getByTestId('campaign-detail').waitFor();
    expect(await page.getByTestId('campaign-title').textContent()).toBe(name);
    const detail = page.getByTestId('campaign-detail');
    await expect.poll(() => detail.getAttribute('data-handed-over'), { timeout: 30_000 }).toBe('5');
    await expect.poll(() => page.getByTestId('message-row').count()).toBe(5);
    await expect.poll(async () => (await page.getByTestId('message-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).every((s) => s !== 'queued' && s !== 'submitting')).toBe(true);
    await shot(`2-campaign-${lang}`);
    await page.getByTestId('message-history').first().click();
    await expect.poll(() => page.getByTestId('message-history-event').count()).toBeGreaterThan(1);
    // Handed to the platform; a report polled meanwhile may already have moved it on to 'sent'.
    expect(['submitted', 'sent', 'delivered']).toContain(await page.getByTestId('message-history-event').last().getAttribute('data-state'));
    expect(await page.getByTestId('message-history-event').evaluateAll((events) => events.map((e) => e.getAttribute('data-state')))).toContain('submitted');
    // Let the popover finish fading in before the picture.
    await expect.poll(() => page.getByTestId('message-history-dropdown').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await shot(`2-campaign-history-${lang}`);
    await page.keyboard.press('Escape');
  }

  it('composes, reviews, confirms and sends through EIMS (English)', async () => {
    await composeAndSend('en', 'Spring sale', () => ['Hello ', ', the spring sale starts today.']);
    expect(eims.state.accepted.map((r) => (r as { mobile?: string }).mobile ?? JSON.stringify(r)).length).toBe(5);
    const campaigns = (await bridgeCall(app, 'campaignsList')).value as Array<{ name: string; total: number }>;
    expect(campaigns).toMatchObject([{ name: 'Spring sale', total: 5 }]);
  });

  it('lists the campaign with its progress', async () => {
    await page.getByTestId('campaign-back').click();
    await page.getByTestId('campaign-row').first().waitFor();
    await shot('3-campaigns-en');
  });

  it('speaks Simplified Chinese when the language setting says so', async () => {
    await call('settingsUpdate', { language: 'zh' });
    await composeAndSend('zh', '春季特惠', () => ['您好', '，春季特惠今天开始。']);
    await page.getByTestId('campaign-back').click();
    await expect.poll(() => page.getByTestId('campaign-row').count()).toBe(2);
    await shot('3-campaigns-zh');
    await call('settingsUpdate', { language: 'en' });
    expect(errors).toEqual([]);
  });
});
