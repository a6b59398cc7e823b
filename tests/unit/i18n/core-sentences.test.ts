/**
 * Every sentence the core can show has a Chinese translation, and the renderer's matcher turns the
 * sentences main really produces (errors from the provider layer, code tables, history details) into
 * Chinese with their values in place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalKey, scanCoreSentences } from '../../helpers/core-sentences.ts';
import { translateSentence } from '../../../src/shared/i18n/sentence-patterns.ts';
import { JSMS_ERROR_CODES, describeJsmsCode, jsmsSentence } from '../../../src/main/core/providers/jsms/error-codes.ts';
import { EIMS_DELIVER_STATUS, EIMS_REPLY_STATUS, EIMS_SEND_STATUS, describeEimsStatus, eimsDeliverSentence, eimsSendStatusSentence, eimsStatusSentence } from '../../../src/main/core/providers/eims/status-codes.ts';
import { badShape, httpStatusError } from '../../../src/main/core/providers/http.ts';
import { missingSecretError } from '../../../src/main/core/providers/errors.ts';

const root = join(import.meta.dirname, '../../..');
const bundle = (lang: 'en' | 'zh', ns: 'core' | 'schema') =>
  JSON.parse(readFileSync(join(root, `src/shared/i18n/${lang}/${ns}.json`), 'utf8')) as Record<string, string>;
const en = { core: bundle('en', 'core'), schema: bundle('en', 'schema') };
const zh = { core: bundle('zh', 'core'), schema: bundle('zh', 'schema') };
const keys = new Set([...Object.keys(en.core), ...Object.keys(en.schema)].map(canonicalKey));
const known = (key: string) => keys.has(canonicalKey(key));
/** Keys made only of values and punctuation ("{{p0}}: {{p1}}") carry nothing to translate. */
const hasWords = (key: string) => /\p{L}{2}/u.test(key.replace(/\{\{[ntp]?\d+\}\}/g, ''));
const slotsOf = (key: string) => [...key.matchAll(/\{\{([ntp])\d+\}\}/g)].map((m) => m[0]).sort();

/** Latin words a Chinese sentence may keep: names, protocols and the field names the consoles show. */
const KEPT = /^(JSMS|EIMS|GSM|SIM|SMS|HTTP|API|IP|JSON|AppKey|Master|Secret|dev|key|seq|xls|JPG|PNG|msg_id|ttl|id)$/;
/** English left in a Chinese sentence, apart from names, the EIMS status label ("1011 Black Number") and provider text in quotes. */
const englishLeft = (text: string) =>
  (text.replace(/（-?\d+ [^）]*）|“[^”]*”/g, '').match(/[A-Za-z_]{3,}/g) ?? []).filter((w) => !KEPT.test(w));

let zhI18n: I18n;
let enI18n: I18n;

beforeAll(async () => {
  const make = async (lng: 'en' | 'zh') => {
    const i = i18next.createInstance();
    await i.init({ lng, fallbackLng: 'en', resources: { en, zh }, ns: ['core', 'schema'], defaultNS: 'core', interpolation: { escapeValue: false } });
    return i;
  };
  zhI18n = await make('zh');
  enI18n = await make('en');
});

describe('core sentences have translations', () => {
  it('reads every sentence the core builds (no sentence glued together with +), through every call it knows', () => {
    const scan = scanCoreSentences(root);
    expect(scan.sentences.length).toBeGreaterThan(200);
    expect(scan.unreadable).toEqual([]);
    // A call renamed in the core would silently drop its sentences from this check.
    expect(Object.entries(scan.argumentHits).filter(([, n]) => n === 0)).toEqual([]);
  });

  it('every sentence found in the core is a key of the translations', () => {
    const missing = scanCoreSentences(root)
      .sentences.filter((s) => hasWords(s.key) && !known(s.key))
      .map((s) => `${s.file}:${s.line} ${s.key}`);
    expect(missing).toEqual([]);
  });

  it('every cause and remedy in the provider code tables is a key', () => {
    const phrases = [
      ...Object.values(JSMS_ERROR_CODES).flatMap((c) => [c.what, c.todo]),
      ...Object.values(EIMS_REPLY_STATUS).flatMap((c) => [c.what, c.todo]),
      ...Object.values(EIMS_SEND_STATUS).map((c) => c.what),
      ...Object.values(EIMS_DELIVER_STATUS).map(eimsDeliverSentence),
      describeJsmsCode(99999).what,
      describeJsmsCode(99999).todo,
      describeEimsStatus(-99).what,
      describeEimsStatus(-99).todo,
    ];
    expect(phrases.filter((p) => !known(p))).toEqual([]);
  });

  it('Chinese keeps every value of a sentence, and English is the sentence itself', () => {
    expect(Object.entries(zh.core).filter(([k, v]) => JSON.stringify(slotsOf(k)) !== JSON.stringify(slotsOf(v)))).toEqual([]);
    expect(Object.entries(en.core).filter(([k, v]) => k !== v)).toEqual([]);
    expect(Object.keys(en.core).filter((k) => /\{\{(?![ntp]\d+\}\})/.test(k))).toEqual([]);
  });

  it('no sentence has two text values side by side, where the matcher could not tell them apart', () => {
    expect(Object.keys(en.core).filter((k) => /\{\{[tp]\d+\}\}\s*\{\{[tp]\d+\}\}/.test(k))).toEqual([]);
  });
});

describe('the renderer shows main’s sentences in Chinese', () => {
  it('puts the values of a sentence into its translation', () => {
    const s = 'A list called “VIP 客户 2026” already exists. Choose another name, or import into that list.';
    expect(translateSentence(zhI18n, s)).toBe('已有名为“VIP 客户 2026”的名单。请换个名称，或导入到该名单。');
    expect(translateSentence(enI18n, s)).toBe(s);
  });

  it('translates the values that are phrases of their own (provider names, request names)', () => {
    expect(translateSentence(zhI18n, httpStatusError('gsmbox', 502, 'port query', false).message)).toBe(
      'GSM 网关 在处理端口查询时发生服务器错误（HTTP 502）。请几分钟后重试。',
    );
    expect(translateSentence(zhI18n, badShape('eims', '10.0.0.8:20003', 'balance query', 'not-sent').message)).toBe(
      '10.0.0.8:20003 上的 EIMS 对余额查询的回复是应用无法理解的数据。请检查接口地址后重试。',
    );
    expect(translateSentence(zhI18n, missingSecretError('jsms', 'Master Secret').message)).toBe('JSMS 需要 Master Secret，但此账户没有保存。请打开账户并填写。');
  });

  it('leaves no English words in any JSMS or EIMS code sentence', () => {
    const sentences = [
      ...Object.keys(JSMS_ERROR_CODES).map((c) => jsmsSentence(Number(c))),
      jsmsSentence(50032, '签名不合法'),
      jsmsSentence(99999, 'bad sign. Retry'),
      eimsStatusSentence(-99),
      ...Object.keys(EIMS_REPLY_STATUS).map((c) => eimsStatusSentence(Number(c))),
      ...Object.keys(EIMS_SEND_STATUS).map((c) => eimsSendStatusSentence(Number(c))),
      eimsSendStatusSentence(1011, 'Black Number'),
      eimsSendStatusSentence(4242),
      ...Object.values(EIMS_DELIVER_STATUS).map(eimsDeliverSentence),
    ];
    const left = sentences.map((s) => [s, translateSentence(zhI18n, s)] as const).filter(([, t]) => englishLeft(t).length > 0);
    expect(left).toEqual([]);
    expect(translateSentence(zhI18n, jsmsSentence(50014))).toBe('JSMS 返回：短信余额不足（50014）。请为 JSMS 账户充值，或减少发送数量。');
    expect(translateSentence(zhI18n, jsmsSentence(99999, 'bad sign. Retry'))).toBe('JSMS 返回：请求被拒绝（99999）（“bad sign. Retry”）。请检查账户设置和短信内容。');
    expect(translateSentence(zhI18n, eimsSendStatusSentence(1011, 'blocked by carrier'))).toBe(
      'EIMS 报告短信发送失败：该号码在黑名单中（1011 Black Number）。请检查号码和内容；如果持续出现，请联系平台。平台备注：“blocked by carrier”。',
    );
  });

  it('shows names and provider text as they came, and matches numbers only where a number goes', () => {
    expect(translateSentence(zhI18n, 'A list called “success” already exists. Choose another name, or import into that list.')).toBe('已有名为“success”的名单。请换个名称，或导入到该名单。');
    expect(translateSentence(zhI18n, 'The handset did not receive it (Request timeout).')).toBe('手机未收到（Request timeout）。');
    expect(translateSentence(zhI18n, 'Request body too large')).toBe('Request body too large');
    expect(translateSentence(zhI18n, 'Request 12 on port 3')).toBe('请求 12，端口 3');
  });

  it('does not match very long text against the patterns (it would backtrack), and shows it as it came', () => {
    expect(translateSentence(zhI18n, `Will retry: ${'x'.repeat(900)}`)).toBe(`将重试：${'x'.repeat(900)}`);
    expect(translateSentence(zhI18n, `Will retry: ${'x'.repeat(1000)}`)).toBe(`Will retry: ${'x'.repeat(1000)}`);
  });

  it('says the audit log’s summaries in Chinese: states, kinds and accounts included', () => {
    expect(translateSentence(zhI18n, 'Spring sale: was running, now cancelled')).toBe('Spring sale：由发送中变为已取消');
    expect(translateSentence(zhI18n, 'Weekly tips: now paused')).toBe('Weekly tips：现为已暂停');
    expect(translateSentence(zhI18n, 'Office GSM box (gsmbox account)')).toBe('Office GSM box（类型：GSM 网关）');
    expect(translateSentence(zhI18n, 'Weekly tips (local) via EIMS platform')).toBe('Weekly tips（本机定时），通过 EIMS platform');
    expect(translateSentence(zhI18n, 'Nightly promo (eims-job) via EIMS platform')).toBe('Nightly promo（EIMS 任务），通过 EIMS platform');
    expect(translateSentence(zhI18n, 'Flash sale (the provider still holds it)')).toBe('Flash sale（服务商处仍保留该计划）');
    expect(translateSentence(zhI18n, 'Retry: 3 message(s) (failed, unknown) from campaign c-1')).toBe('Retry：3 条短信（失败、结果未知），来自群发任务 c-1');
  });

  it('joins two known sentences with a colon, and leaves “a: b” alone when a part is unknown', () => {
    const failed = 'EIMS reports the message failed (status 1). Check the number and content; contact the platform if it persists.';
    expect(translateSentence(zhI18n, `EIMS push 1/2: ${failed}`)).toBe('EIMS 推送 1/2：EIMS 报告短信发送失败（状态 1）。请检查号码和内容；如果持续出现，请联系平台。');
    expect(translateSentence(zhI18n, `EIMS report 0/3: ${failed}`)).toMatch(/^EIMS 状态报告 0\/3：EIMS 报告短信发送失败/);
    expect(translateSentence(zhI18n, `Something new: ${failed}`)).toBe(`Something new: ${failed}`);
    expect(translateSentence(zhI18n, 'Dear customer: hello')).toBe('Dear customer: hello');
  });

  it('keeps a sentence it does not know as it came', () => {
    expect(translateSentence(zhI18n, 'Something new the core learned to say.')).toBe('Something new the core learned to say.');
    expect(translateSentence(zhI18n, 'Connected to EIMS. Balance: 12.5.')).toBe('已连接 EIMS。余额：12.5。');
    expect(translateSentence(zhI18n, 'Connected to EIMS. Balance: 12.5 (gift 3).')).toBe('已连接 EIMS。余额：12.5（赠送 3）。');
  });

  it('follows a language change', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'en', resources: { en, zh }, ns: ['core'], defaultNS: 'core', interpolation: { escapeValue: false } });
    expect(translateSentence(i, 'Created')).toBe('Created');
    await i.changeLanguage('zh');
    expect(translateSentence(i, 'Created')).toBe('已创建');
  });
});
