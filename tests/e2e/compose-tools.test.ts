/**
 * Issue 17 items 5, 6 and 8 in the real renderer (the built headless app in Chromium) against the JSMS
 * and GSM box simulators: the Templates screen (submit, JSMS's refusal with its reason pushed to the
 * receiver, edit and resubmit, a signature with a picture), Compose picking a template from the list
 * with the filled text live and a test sent to my own number, a missing variable given a default, a
 * draft saved and reopened, a campaign duplicated, and a contact added by hand with tags. Every step
 * checks the far end: what the simulator holds, or what the screen shows. Then each screen is pictured
 * at 1024×700 and 1280×800, in English and Chinese.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../sim/jsms.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const LIST_CSV = ['phone,name', '13800138001,张伟', '13800138002,王芳'].join('\n');
/** The smallest PNG: what a signature's picture for the reviewer could be. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.runIf(run)('compose tools in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-compose-tools-');
  const pngFile = join(tmp.dir, 'licence.png');
  let jsms: JsmsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let jsmsId = '';
  let boxId = '';
  let listId = '';
  let callbackUrl = '';
  const errors: string[] = [];

  const call = async <T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, `${name}: ${JSON.stringify(res.error)}`).toBe(true);
    return res.value as T;
  };
  const open = async (hash: string, testId: string) => {
    await page.goto(`${app.url}${hash}`);
    await page.getByTestId(testId).first().waitFor({ timeout: 15_000 });
  };
  const pick = async (testId: string, option: string | RegExp) => {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option }).click();
  };

  beforeAll(async () => {
    writeFileSync(pngFile, PNG);
    jsms = await startJsmsSim();
    box = await startGsmboxSim({ ports: 2, busyMs: 5 });
    app = await startHeadless(join(tmp.dir, 'data'));
    await call('receiverConfigure', { host: '127.0.0.1', port: 0 });
    jsmsId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'jsms', name: 'JPush SMS', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } })).id;
    boxId = (await call<{ id: string }>('accountsCreate', { config: { kind: 'gsmbox', name: 'Office GSM box', baseUrl: box.url, username: 'admin' }, secrets: { password: 'demo-box-password' } })).id;
    const opened = await call<{ importId: string }>('importOpen', { fileName: 'customers.csv', base64: Buffer.from(LIST_CSV).toString('base64') });
    await call('importAnalyse', { importId: opened.importId });
    listId = (await call<{ listId: string }>('importCommit', { importId: opened.importId, target: { newListName: '上海客户' } })).listId;
    callbackUrl = (await call<{ urls: Array<{ accountId: string; url: string }> }>('receiverStatus')).urls.find((u) => u.accountId === jsmsId)!.url;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await jsms?.close();
    await box?.close();
    tmp.cleanup();
  });

  it('Templates: submits a template, shows JSMS\'s refusal with its reason, resubmits it edited, and adds one by id', async () => {
    await open('#/templates', 'screen-templates');
    await page.getByTestId('templates-new').click();
    await page.getByTestId('template-form-text').fill('【限时】{{name}}，全场五折');
    await page.getByTestId('template-form-type').getByText('Marketing').click();
    await page.getByTestId('template-form-submit').click();
    const row = page.getByTestId('template-row').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('reviewing');
    const tempId = Number(await row.getAttribute('data-temp-id'));
    expect(jsms.state.templates.get(tempId)).toMatchObject({ template: '【限时】{{name}}，全场五折', type: 3, status: 0 });

    // JSMS rejects it and pushes the reason to this PC's receiver: the screen follows without a click.
    expect(await jsms.review('template', tempId, 2, '模板内容不能包含【】', callbackUrl)).toBe(200);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('rejected');
    expect(await row.getByTestId('review-reason').textContent()).toBe('Reason: 模板内容不能包含【】');

    await row.getByTestId('catalog-row-edit').click();
    await page.getByTestId('template-form-text').fill('{{name}}，全场五折，回T退订');
    await page.getByTestId('template-form-submit').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('reviewing');
    expect(jsms.state.templates.get(tempId)).toMatchObject({ template: '{{name}}，全场五折，回T退订', status: 0 });

    // A template made in the JSMS console, added by its id.
    await page.getByTestId('templates-add-id').fill('2');
    await page.getByTestId('templates-add').click();
    await expect.poll(() => page.locator('[data-testid="template-row"][data-temp-id="2"]').getAttribute('data-status'), { timeout: 10_000 }).toBe('passed');
    // One JSMS does not have: said plainly.
    await page.getByTestId('templates-add-id').fill('999');
    await page.getByTestId('templates-add').click();
    expect(await page.getByTestId('templates-error').textContent()).toContain('JSMS has no template 999');
  });

  it('Templates: submits a signature with a picture for the reviewer', async () => {
    await page.getByTestId('templates-tab-signs').click();
    await page.getByTestId('signs-new').click();
    await page.getByTestId('sign-form-text').fill('极光商城');
    await page.getByTestId('sign-form-pictures').click();
    await page.locator('input[type="file"]').last().setInputFiles(pngFile);
    await page.getByTestId('sign-form-submit').click();
    const row = page.getByTestId('sign-row').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('reviewing');
    const held = jsms.state.signs.get(Number(await row.getAttribute('data-sign-id')))!;
    expect(held.sign).toBe('极光商城');
    expect(held.pictures.map((p) => [p.field, p.name, p.type, p.bytes.equals(PNG)])).toEqual([['image0', 'licence.png', 'image/png', true]]);
    await jsms.review('sign', held.id, 1, null);
    await row.getByTestId('catalog-row-refresh').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('passed');
  });

  it('Compose: picks the template from the list, shows the filled text live, and sends a test to my number', async () => {
    await open('#/compose', 'screen-compose');
    await page.getByTestId('compose-reset').click();
    await page.getByTestId('compose-name').fill('Shipping notice');
    await pick('compose-account', 'JPush SMS');
    await pick('compose-lists', /上海客户/);
    await page.keyboard.press('Escape');
    await pick('compose-template-select', /^#2 · /);
    await expect.poll(() => page.getByTestId('compose-param-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)), { timeout: 10_000 }).toEqual(['name', 'order']);
    await page.getByTestId('compose-param-value').nth(0).fill('{name|客户}');
    await page.getByTestId('compose-param-value').nth(1).fill('A-{phone}');
    expect(await page.getByTestId('compose-template-preview-text').textContent()).toBe('Hello {name|客户}, your order A-{phone} has shipped.');
    await pick('compose-sign-select', /极光商城/);

    await page.getByTestId('compose-test-number').fill('139 0000 1111');
    await page.getByTestId('compose-test-send').click();
    const result = page.getByTestId('compose-test-result');
    await result.waitFor();
    // The far end: one SMS, to my number, reading as the first recipient's message.
    await expect.poll(() => jsms.state.accepted.map((a) => [a.number, a.content]), { timeout: 10_000 }).toEqual([['13900001111', 'Hello 张伟, your order A-13800138001 has shipped.']]);
    expect(await page.getByTestId('compose-test-text').textContent()).toBe('Hello 张伟, your order A-13800138001 has shipped.');
    expect(await result.textContent()).toContain('Reads as the message of +8613800138001.');
    // The number is remembered; the test is not a campaign.
    expect((await call<{ testNumber: string }>('settingsGet')).testNumber).toBe('139 0000 1111');
    expect(await call<unknown[]>('campaignsList')).toEqual([]);

    // The summary reads the template as JSMS holds it, for each recipient.
    await page.getByTestId('compose-review').click();
    await page.getByTestId('compose-summary').waitFor();
    expect(await page.getByTestId('summary-sample-text').allTextContents()).toEqual(['Hello 张伟, your order A-13800138001 has shipped.', 'Hello 王芳, your order A-13800138002 has shipped.']);
  });

  it('Compose: a missing variable is given a default; the draft is saved, listed and opened again', async () => {
    await page.getByTestId('compose-reset').click();
    await page.getByTestId('compose-name').fill('Pickup reminder');
    await pick('compose-account', 'Office GSM box');
    await pick('compose-lists', /上海客户/);
    await page.keyboard.press('Escape');
    await page.getByTestId('compose-body').fill('{title}{name}，您的订单可以取货了');
    const offer = page.locator('[data-testid="default-offer"][data-variable="title"]').first();
    await offer.getByTestId('default-offer-value').fill('尊敬的');
    await offer.getByTestId('default-offer-use').click();
    expect(await page.getByTestId('compose-body').inputValue()).toBe('{title|尊敬的}{name}，您的订单可以取货了');
    expect(await page.getByTestId('compose-missing-variables').count()).toBe(0);
    await page.getByTestId('compose-review').click();
    expect(await page.getByTestId('summary-defaulted').textContent()).toContain('{title}: 2 recipients get “尊敬的”');
    expect(await page.getByTestId('summary-sample-text').first().textContent()).toBe('尊敬的张伟，您的订单可以取货了');

    await page.getByTestId('compose-save-draft').click();
    await expect.poll(() => page.getByTestId('compose-draft-state').textContent(), { timeout: 10_000 }).toBe('Draft saved');
    await open('#/campaigns', 'screen-campaigns');
    await page.getByTestId('campaigns-tab-drafts').click();
    const row = page.getByTestId('draft-row');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('Pickup reminder');
    await row.getByTestId('draft-open').click();
    await page.getByTestId('screen-compose').waitFor();
    expect(await page.getByTestId('compose-body').inputValue()).toBe('{title|尊敬的}{name}，您的订单可以取货了');
    expect(await page.getByTestId('compose-name').inputValue()).toBe('Pickup reminder');
  });

  it('Campaigns: a campaign is duplicated into Compose with its recipients', async () => {
    const c = await call<{ id: string }>('campaignCreate', { name: 'Box run', accountId: boxId, content: { mode: 'text', body: '取货提醒 {name|朋友}' }, recipients: { listIds: [listId], pasted: '13900139009' }, confirmed: true });
    await open(`#/campaigns/${c.id}`, 'campaign-detail');
    await page.getByTestId('campaign-duplicate').click();
    await page.getByTestId('screen-compose').waitFor();
    expect(await page.getByTestId('compose-name').inputValue()).toBe('Box run (copy)');
    expect(await page.getByTestId('compose-body').inputValue()).toBe('取货提醒 {name|朋友}');
    expect(await page.getByTestId('compose-pasted').inputValue()).toBe('13900139009');
  });

  it('Contacts: a new empty list gets a contact typed in by hand, with tags that search finds; edited and removed', async () => {
    await open('#/contacts', 'screen-contacts');
    await page.getByTestId('contacts-tab-lists').click();
    await page.getByTestId('list-create').click();
    await page.getByTestId('list-name-input').fill('手工名单');
    await page.getByTestId('list-name-save').click();
    await page.locator('[data-testid="list-row"]', { hasText: '手工名单' }).getByTestId('list-open').click();
    await page.getByTestId('contacts-add-first').click();
    // A number that is no phone number: the form says why under the field, and nothing is stored.
    await page.getByTestId('contact-add-number').fill('12345');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => page.getByRole('dialog').locator('.mantine-InputWrapper-error').first().textContent(), { timeout: 10_000 }).toMatch(/digits/i);
    expect((await call<{ total: number }>('contactsSearch', { query: '12345' })).total).toBe(0);
    await page.getByTestId('contact-add-number').fill('139 1234 5678');
    await page.getByTestId('contact-add-variable').click();
    await page.getByTestId('contact-var-name').fill('name');
    await page.getByTestId('contact-var-value').fill('赵六');
    await page.getByTestId('contact-tags').fill('VIP');
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => page.getByTestId('contact-row').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('contact-number').textContent()).toBe('+8613912345678');
    expect(await page.getByTestId('contact-row-tags').textContent()).toBe('#VIP');
    // The far end: main holds it in the list, with its variables and tags.
    const held = await call<{ rows: Array<{ e164: string; vars: Record<string, string>; tags: string[] }> }>('contactsSearch', { query: 'vip' });
    expect(held.rows).toMatchObject([{ e164: '+8613912345678', vars: { name: '赵六' }, tags: ['VIP'] }]);

    await page.getByTestId('contacts-search').fill('vip');
    await expect.poll(() => page.getByTestId('contacts-total').textContent(), { timeout: 10_000 }).toBe('1 contact');
    await page.getByTestId('contact-edit').click();
    await page.getByTestId('contact-var-value').fill('赵六六');
    await page.getByTestId('contact-save').click();
    await expect.poll(async () => (await call<{ rows: Array<{ vars: Record<string, string> }> }>('contactsSearch', { query: '赵六六' })).rows.length, { timeout: 10_000 }).toBe(1);
    await page.getByTestId('contact-remove').click();
    await expect.poll(() => page.getByTestId('contact-row').count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
  });

  it('pictures each changed screen at 1024×700 and 1280×800, in English and Chinese', async () => {
    // A refusal to picture: the reason JSMS pushed shows under the status.
    const known = await call<Array<{ tempId: number; status: string }>>('jsmsTemplatesList', { accountId: jsmsId });
    const pending = known.find((x) => x.status === 'reviewing')!;
    expect(await jsms.review('template', pending.tempId, 2, '营销短信须含退订方式，如“回T退订”', callbackUrl)).toBe(200);
    for (const lang of ['en', 'zh'] as const) {
      await call('settingsUpdate', { language: lang });
      for (const [width, height] of [
        [1024, 700],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width, height });
        const shot = async (name: string) => {
          await page.waitForTimeout(300);
          await page.screenshot({ path: screenshotPath(`compose-tools-${name}-${width}-${lang}`) });
        };
        await open('#/templates', 'screen-templates');
        await expect.poll(() => page.getByTestId('template-row').count(), { timeout: 10_000 }).toBe(2);
        await page.locator('[data-testid="template-row"][data-status="rejected"]').getByTestId('review-reason').waitFor();
        await shot('templates');
        await page.locator('[data-testid="template-row"][data-temp-id="2"]').getByTestId('catalog-row-delete').waitFor();
        await page.getByTestId('templates-new').click();
        await page.getByTestId('template-form-text').fill('{{name}}您好，验证码{{code}}');
        await shot('template-form');
        await page.keyboard.press('Escape');
        await page.getByTestId('templates-tab-signs').click();
        await page.getByTestId('sign-row').first().waitFor();
        await shot('signs');

        await open('#/compose', 'screen-compose');
        await page.getByTestId('compose-reset').click();
        await page.getByTestId('compose-name').fill(lang === 'en' ? 'Shipping notice' : '发货通知');
        await pick('compose-account', 'JPush SMS');
        await pick('compose-lists', /上海客户/);
        await page.keyboard.press('Escape');
        await pick('compose-template-select', /^#2 · /);
        await page.getByTestId('compose-param-value').nth(0).fill('{name|客户}');
        await page.getByTestId('compose-param-value').nth(1).fill('A-1024');
        await page.getByTestId('compose-test-send').click();
        await page.getByTestId('compose-test-result').waitFor();
        await page.getByTestId('compose-template').scrollIntoViewIfNeeded();
        await shot('compose-template');
        await page.getByTestId('compose-test-result').scrollIntoViewIfNeeded();
        await shot('compose-test');

        await page.getByTestId('compose-reset').click();
        await pick('compose-account', 'Office GSM box');
        await pick('compose-lists', /上海客户/);
        await page.keyboard.press('Escape');
        await page.getByTestId('compose-body').fill('{title}{name}，您的订单可以取货了');
        await page.getByTestId('compose-missing-variables').scrollIntoViewIfNeeded();
        await shot('compose-default');

        await open('#/campaigns', 'screen-campaigns');
        await page.getByTestId('campaigns-tab-drafts').click();
        await page.getByTestId('draft-row').first().waitFor();
        await shot('drafts');

        await open('#/contacts', 'screen-contacts');
        await page.getByTestId('contacts-tab-lists').click();
        await page.locator('[data-testid="list-row"]', { hasText: '上海客户' }).getByTestId('list-open').click();
        await page.getByTestId('contact-row').first().waitFor();
        await page.getByTestId('contacts-add').click();
        await page.getByTestId('contact-add-number').fill('13912345679');
        await shot('contact-add');
        await page.keyboard.press('Escape');
        await page.getByTestId('contact-edit').first().click();
        await page.getByTestId('contact-var-value').first().waitFor();
        await shot('contact-edit');
        await page.keyboard.press('Escape');
      }
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
