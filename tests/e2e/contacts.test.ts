/**
 * Contacts end to end: the built headless app in Chromium. Import a real .xlsx through the wizard
 * (file → sheet → mapping → preview with rejects → import), see the list and its contacts, edit a
 * contact, add an opt-out, and check through the bridge that the database holds exactly the import.
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();

function workbook(): Uint8Array {
  const people = [
    ['客户名单', '', ''],
    ['手机号', '姓名', '城市'],
    ['13800138000', '张三', '上海'],
    ['+86 139 1234 5678', '李四', '北京'],
    ['13800138000', '张三（重复）', '上海'],
    ['12345', '短号', '杭州'],
    ['not a number', '王五', '深圳'],
  ];
  for (let i = 0; i < 40; i++) people.push([String(13700000000 + i), `客户 ${i + 1}`, i % 2 ? '广州' : '成都']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明'], ['这一页没有号码']]), 'Readme');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(people), 'Customers');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

describe.runIf(run)('contacts in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-contacts-');
  const file = join(tmp.dir, 'customers.xlsx');
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: screenshotPath(`contacts-${name}`), fullPage: true });
  const next = async () => {
    const button = page.getByTestId('import-next');
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
  };

  beforeAll(async () => {
    writeFileSync(file, workbook());
    app = await startHeadless(join(tmp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/contacts`);
    await page.getByTestId('screen-contacts').waitFor();
    await page.getByTestId('lists-empty').waitFor();
    await shot('0-empty');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    tmp.cleanup();
  });

  it('imports an .xlsx through the wizard and shows the new list', async () => {
    await page.getByTestId('lists-import').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-format').waitFor();
    await shot('1-file');
    await next();

    // Sheet: the first sheet (a readme) has no numbers, so the sheet with numbers was picked.
    await expect.poll(() => page.getByTestId('import-sheet').inputValue()).toMatch(/Customers/);
    // Choosing the readme sheet explains what is wrong and keeps the sheet picker usable.
    await page.getByTestId('import-sheet').click();
    await page.getByRole('option', { name: /Readme/ }).click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').getAttribute('data-error-code')).toBe('CONTACTS_NO_PHONE_COLUMN');
    await shot('2-source-error');
    await page.getByTestId('import-sheet').click();
    await page.getByRole('option', { name: /Customers/ }).click();
    await page.getByTestId('import-error').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('import-progress').count()).toBe(0);
    await shot('2-source');
    await next();

    // Mapping: the title row above the header is skipped; 手机号 is the phone column.
    await expect.poll(() => page.getByTestId('import-header-row').inputValue()).toBe('2');
    await expect.poll(() => page.getByTestId('import-phone-column').inputValue()).toMatch(/手机号/);
    await expect.poll(() => page.getByTestId('import-columns').textContent()).toMatch(/\{姓名\}/);
    await shot('3-mapping');
    await next();

    await expect.poll(() => page.getByTestId('import-count-valid').getAttribute('data-count')).toBe('42');
    expect(await page.getByTestId('import-count-invalid').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('import-count-duplicate').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('import-reject-row').count()).toBe(2);
    expect(await page.getByTestId('import-rejects').textContent()).toContain('not a number');
    expect(await page.getByTestId('import-preview-row').first().textContent()).toContain('+8613800138000');
    await shot('4-preview');
    await next();

    await page.getByTestId('import-list-name').fill('上海客户');
    await shot('5-target');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toMatch(/42 added/);
    await shot('6-done');

    await page.getByTestId('contacts-tab-lists').click();
    const row = page.getByTestId('list-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('list-name').textContent()).toBe('上海客户');
    expect(await row.getByTestId('list-size').textContent()).toBe('42');
    await shot('7-lists');

    const lists = await bridgeCall(app, 'listsList');
    expect(lists.ok).toBe(true);
    expect(lists.value).toMatchObject([{ name: '上海客户', size: 42 }]);
  });

  it('browses, searches and edits the list’s contacts', async () => {
    await page.getByTestId('list-open').click();
    await expect.poll(() => page.getByTestId('contact-row').count()).toBeGreaterThan(10);
    // Virtualised: not all 42 rows need to be in the DOM, but the total is shown.
    expect(await page.getByTestId('contacts-total').textContent()).toBe('42 contacts');
    await shot('8-contacts');
    // Rows reuse their DOM while scrolling: a focused row button must not end up on another contact.
    const firstEdit = page.getByTestId('contact-edit').first();
    const firstLabel = await firstEdit.getAttribute('aria-label');
    const firstNumber = await page.getByTestId('contact-number').first().textContent();
    await firstEdit.focus();
    await page.getByTestId('contacts-table').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.getByTestId('contact-number').first().textContent()).not.toBe(firstNumber);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    expect([null, firstLabel]).toContain(focused);
    await page.getByTestId('contacts-table').evaluate((el) => el.scrollTo(0, 0));
    await page.getByTestId('contacts-search').fill('李四');
    await expect.poll(() => page.getByTestId('contact-row').count()).toBe(1);
    expect(await page.getByTestId('contact-number').textContent()).toBe('+8613912345678');
    await page.getByTestId('contact-edit').click();
    await page.getByTestId('contact-var-value').first().fill('李四四');
    await shot('9-edit');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('contact-row').textContent()).toContain('李四四');
  });

  it('adds an opt-out that then shows on the list', async () => {
    await page.getByTestId('contacts-tab-optouts').click();
    await page.getByTestId('optout-numbers').fill('13800138000\n+86 137 0000 0001');
    await page.getByTestId('optout-add').click();
    await expect.poll(() => page.getByTestId('optout-row').count()).toBe(2);
    await shot('10-optouts');
    await page.getByTestId('contacts-tab-lists').click();
    await expect.poll(() => page.getByTestId('list-row').textContent()).toMatch(/42\s*2/);
    const lists = await bridgeCall(app, 'listsList');
    expect(lists.value).toMatchObject([{ size: 42, optedOut: 2 }]);
  });

  it('exports the list as a real .xlsx download', async () => {
    await page.getByTestId('list-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('上海客户.xlsx');
    const saved = join(tmp.dir, 'export.xlsx');
    await download.saveAs(saved);
    const wb = XLSX.read(readFileSync(saved));
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]).toEqual(['phone', '姓名', '城市']);
    expect(rows).toHaveLength(43);
    expect(rows).toContainEqual(['+8613912345678', '李四四', '北京']);
  });

  it('speaks Simplified Chinese when the language setting says so', async () => {
    expect((await bridgeCall(app, 'settingsUpdate', { language: 'zh' })).ok).toBe(true);
    await page.reload();
    await page.getByTestId('screen-contacts').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('联系人');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await shot('11-lists-zh');
    await page.getByTestId('lists-import').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-format').waitFor();
    for (let i = 0; i < 3; i++) await next();
    await page.getByTestId('import-rejects').waitFor();
    expect(await page.getByTestId('import-rejects').textContent()).toContain('位数太少');
    await shot('12-preview-zh');
    await page.getByTestId('import-restart').click();
    expect((await bridgeCall(app, 'settingsUpdate', { language: 'en' })).ok).toBe(true);
    expect(errors).toEqual([]);
  });
});
