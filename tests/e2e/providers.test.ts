/**
 * The provider layer end to end: simulators of JSMS, EIMS and the GSM box on loopback, the built
 * headless app pointed at them, and the real renderer in Chromium. Test connection on each account
 * (balances, ports, a clear error for a wrong password), then send and verify a JSMS code through the
 * Verification codes tool, reading the code the "phone" got from the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../sim/jsms.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();

describe.runIf(run)('provider accounts in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-providers-');
  let jsms: JsmsSim;
  let eims: EimsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function create(config: Record<string, unknown>, secrets: Record<string, string>) {
    const res = await bridgeCall(app, 'accountsCreate', { config, secrets });
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
  }

  beforeAll(async () => {
    [jsms, eims, box] = await Promise.all([startJsmsSim(), startEimsSim({ balance: 321.5, gift: 20 }), startGsmboxSim({ ports: 4, downPorts: [3] })]);
    app = await startHeadless(tmp.dir);
    await create({ kind: 'jsms', name: 'JSMS sim', baseUrl: jsms.url, appKey: 'demo-app-key', devKey: 'demo-dev-key' }, { masterSecret: 'demo-master-secret', devSecret: 'demo-dev-secret' });
    await create({ kind: 'eims', name: 'EIMS sim', baseUrl: eims.url, account: 'demo', encrypted: false }, { password: 'demo-password' });
    await create({ kind: 'gsmbox', name: 'Office box sim', baseUrl: box.url, username: 'admin' }, { password: 'demo-box-password' });
    await create({ kind: 'eims', name: 'EIMS wrong password', baseUrl: eims.url, account: 'demo', encrypted: false }, { password: 'not-the-password' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${app.url}#/accounts`);
    await page.getByTestId('account-row').nth(3).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await Promise.all([jsms?.close(), eims?.close(), box?.close()]);
    tmp.cleanup();
  });

  const row = (name: string): Locator => page.getByTestId('account-row').filter({ has: page.getByTestId('account-name').getByText(name, { exact: true }) });

  async function testConnection(name: string): Promise<Locator> {
    const r = row(name);
    await r.getByTestId('account-test').click();
    const result = r.getByTestId('account-check-result');
    await result.waitFor();
    await expect.poll(() => r.getByTestId('account-connection').getAttribute('data-running')).toBe('false');
    return result;
  }

  it('tests a JSMS account and shows its balances', async () => {
    const result = await testConnection('JSMS sim');
    expect(await result.getAttribute('data-ok')).toBe('true');
    const balances = await result.getByTestId('account-check-balance').allTextContents();
    expect(balances).toContain('App SMS, all types: 1,000 SMS');
    expect(balances).toContain('Account balance (SMS): 5,000 SMS');
    expect(await result.getByTestId('account-checked-at').textContent()).toMatch(/^Checked at /);
  });

  it('tests an EIMS account and shows balance and gift', async () => {
    const result = await testConnection('EIMS sim');
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.getByTestId('account-check-balance').allTextContents()).toEqual(['Balance: 321.50', 'Gift balance: 20.00']);
  });

  it('tests the GSM box and lists its ports, one of them down', async () => {
    const result = await testConnection('Office box sim');
    expect(await result.getAttribute('data-ok')).toBe('true');
    const ports = result.getByTestId('account-check-ports');
    expect(await ports.textContent()).toBe('3 of 4 ports available');
    await ports.click();
    const list = page.getByTestId('account-ports-list');
    await list.waitFor();
    const items = list.getByTestId('account-port');
    expect(await items.count()).toBe(4);
    expect(await items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-port')}:${e.getAttribute('data-available')}`))).toEqual([
      '1:true',
      '2:true',
      '3:false',
      '4:true',
    ]);
    // Let the popover finish fading in before the picture.
    await expect.poll(() => list.evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
    await page.screenshot({ path: screenshotPath('providers-box-ports'), fullPage: true });
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
  });

  it('says clearly what is wrong when the password is wrong', async () => {
    const result = await testConnection('EIMS wrong password');
    expect(await result.getAttribute('data-ok')).toBe('false');
    const error = result.getByTestId('account-check-error');
    const code = await error.getAttribute('data-error-code');
    expect(code).toBeTruthy();
    expect(await error.textContent()).toMatch(/password/i);
    expect(await result.textContent()).toContain(`Code: ${code}`);
    await page.screenshot({ path: screenshotPath('providers-tested'), fullPage: true });
  });

  it('keeps the results after leaving the screen and coming back', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('screen-settings').waitFor();
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('screen-accounts').waitFor();
    await expect.poll(() => page.getByTestId('account-check-result').count()).toBe(4);
  });

  it('sends a JSMS text code and verifies it through the tool', async () => {
    await row('JSMS sim').getByTestId('account-verify').click();
    const tool = page.getByTestId('verification-tool');
    await tool.waitFor();
    expect(await tool.getByTestId('verification-account').textContent()).toBe('JSMS sim');
    // Invalid input is caught before anything is sent.
    await tool.getByTestId('verification-send').click();
    await tool.getByText('Enter a phone number, e.g. 13812345678').waitFor();
    expect(jsms.state.codes.size).toBe(0);

    await tool.getByTestId('verification-mobile').fill('13812345678');
    await tool.getByTestId('verification-temp-id').fill('1');
    await tool.getByTestId('verification-send').click();
    const msgIdEl = tool.getByTestId('verification-msg-id');
    await msgIdEl.waitFor();
    const msgId = (await msgIdEl.textContent())!.trim();
    const sent = jsms.state.codes.get(msgId);
    expect(sent?.mobile).toBe('13812345678');
    expect(await tool.getByTestId('verification-check-msg-id').inputValue()).toBe(msgId);

    const wrong = sent!.code === '000000' ? '111111' : '000000';
    await tool.getByTestId('verification-code').fill(wrong);
    await tool.getByTestId('verification-verify').click();
    const verdict = tool.getByTestId('verification-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-valid')).toBe('false');
    expect(await verdict.textContent()).toContain('The code is not valid');
    await page.screenshot({ path: screenshotPath('providers-verify-wrong') });

    await tool.getByTestId('verification-code').fill(sent!.code);
    await tool.getByTestId('verification-verify').click();
    await expect.poll(() => tool.getByTestId('verification-result').getAttribute('data-valid')).toBe('true');
    expect(jsms.state.codes.get(msgId)?.used).toBe(true);
    await page.screenshot({ path: screenshotPath('providers-verify-valid') });
  });

  it('sends a JSMS voice code with a chosen code', async () => {
    const tool = page.getByTestId('verification-tool');
    await tool.getByTestId('verification-channel').getByText('Voice call', { exact: true }).click();
    await tool.getByTestId('verification-voice-code').fill('4321');
    await tool.getByTestId('verification-send').click();
    await expect.poll(async () => jsms.state.codes.get(((await tool.getByTestId('verification-msg-id').textContent()) ?? '').trim())?.code).toBe('4321');
    await page.screenshot({ path: screenshotPath('providers-verify-voice') });
    expect(pageErrors).toEqual([]);
  });
});
