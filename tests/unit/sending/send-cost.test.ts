/**
 * The pre-send cost: segments and money, set against the balance only where both are in one unit
 * (issue 16, item 4). The integration test (tests/integration/sending/cost-preview.test.ts) checks the
 * same against the simulators' balances and what they let through.
 */
import { describe, expect, it } from 'vitest';
import { boxCapacityOf, estimateCost, watchedBalance, type CostInputs } from '../../../src/main/core/campaigns/send-cost.ts';
import type { BalanceLine } from '../../../src/shared/providers.ts';
import { accountConfigSchema } from '../../../src/shared/accounts.ts';

const eimsLines: BalanceLine[] = [
  { label: 'Balance', amount: 1000, unit: 'money' },
  { label: 'Gift balance', amount: 50, unit: 'money' },
];
const jsmsLines = (all: number | null, industry: number | null, market: number | null): BalanceLine[] => [
  { label: 'App SMS, all types', amount: all, unit: 'messages', pool: 'all' },
  { label: 'App industry SMS (codes, notices)', amount: industry, unit: 'messages', pool: 'industry' },
  { label: 'App marketing SMS', amount: market, unit: 'messages', pool: 'market' },
  { label: 'App voice codes', amount: 100, unit: 'messages', pool: 'voice' },
];
const base: CostInputs = { kind: 'eims', segments: 0, recipients: 0, price: null, balances: [], templateType: null, box: null };

describe('EIMS: money against the balance', () => {
  it('never sets segments against money: without a price there is no comparison and no warning', () => {
    const r = estimateCost({ ...base, segments: 2000, recipients: 2000, balances: eimsLines });
    expect(r).toEqual({ cost: { segments: 2000, money: null, currency: null }, funds: null, boxCapacity: null, warnings: [] });
  });

  it('with a price per segment the cost is money, compared with the balance (the gift is not counted)', () => {
    const covered = estimateCost({ ...base, segments: 2000, recipients: 2000, balances: eimsLines, price: { perSegment: 0.05, currency: 'CNY' } });
    expect(covered.cost).toEqual({ segments: 2000, money: 100, currency: 'CNY' });
    expect(covered.funds).toEqual({ source: 'eims-balance', unit: 'money', available: 1000, needed: 100, covered: true });
    expect(covered.warnings).toEqual([]);
    const short = estimateCost({ ...base, segments: 21_000, recipients: 7000, balances: eimsLines, price: { perSegment: 0.05, currency: 'CNY' } });
    expect(short.funds).toMatchObject({ available: 1000, needed: 1050, covered: false });
    expect(short.warnings).toEqual(['The estimated cost (1050) is more than the balance (1000). Sending stops when the balance runs out.']);
  });

  it('rounds money to cents and leaves the comparison out when the balance could not be read', () => {
    const r = estimateCost({ ...base, segments: 3, price: { perSegment: 0.0333, currency: null } });
    expect(r.cost).toEqual({ segments: 3, money: 0.1, currency: null });
    expect(r.funds).toBeNull();
  });
});

describe('JSMS: the template type picks the quota', () => {
  it('a notice draws on the industry quota and then the all-type quota', () => {
    const r = estimateCost({ ...base, kind: 'jsms', segments: 550, recipients: 550, balances: jsmsLines(100, 500, null), templateType: 2 });
    expect(r.funds).toEqual({ source: 'jsms-industry', unit: 'messages', available: 600, needed: 550, covered: true });
    expect(r.warnings).toEqual([]);
  });

  it('a marketing template cannot use the industry quota', () => {
    const r = estimateCost({ ...base, kind: 'jsms', segments: 550, recipients: 550, balances: jsmsLines(100, 500, null), templateType: 3 });
    expect(r.funds).toEqual({ source: 'jsms-market', unit: 'messages', available: 100, needed: 550, covered: false });
    expect(r.warnings).toEqual([
      'This marketing template draws on the marketing quota, then on the all-type quota: 550 SMS are needed and 100 are left. Sending stops when they run out.',
    ]);
  });

  it('shows money beside the SMS count when the account has a price, and says so when the template could not be read', () => {
    const r = estimateCost({ ...base, kind: 'jsms', segments: 10, recipients: 10, balances: jsmsLines(5, null, null), templateType: null, price: { perSegment: 0.045, currency: 'CNY' } });
    expect(r.cost).toEqual({ segments: 10, money: 0.45, currency: 'CNY' });
    expect(r.funds).toBeNull();
    expect(r.warnings).toEqual(['The template could not be read from JSMS, so the 10 SMS needed were not compared with its quota.']);
  });

  it('watches what codes and notices draw on for the low-balance flag', () => {
    expect(watchedBalance('jsms', jsmsLines(0, 5000, null))).toBe(5000);
    expect(watchedBalance('jsms', jsmsLines(null, null, null))).toBe(0);
    expect(watchedBalance('jsms', [])).toBeNull();
    expect(watchedBalance('eims', eimsLines)).toBe(1000);
  });
});

describe('GSM box: what the SIMs may still send today', () => {
  const box = {
    ports: [
      { port: 1, available: true },
      { port: 2, available: true },
      { port: 3, available: false },
    ],
    sentToday: new Map([
      [1, 290],
      [2, 100],
      [3, 0],
    ]),
    dailyCap: 300,
  };

  it('sums cap minus sent today over the available SIMs the campaign may use', () => {
    expect(boxCapacityOf(box)).toEqual({ leftToday: 210, ports: 2 });
    expect(boxCapacityOf({ ...box, allowed: [2, 3] })).toEqual({ leftToday: 200, ports: 1 });
    expect(boxCapacityOf({ ...box, dailyCap: 0 })).toBeNull();
    expect(boxCapacityOf({ ...box, sentToday: new Map([[1, 400]]) })).toEqual({ leftToday: 300, ports: 2 });
  });

  it('warns when more recipients than that are left, and shows money when the SIM plan has a price', () => {
    const r = estimateCost({ ...base, kind: 'gsmbox', segments: 250, recipients: 250, box, price: { perSegment: 0.1, currency: 'CNY' } });
    expect(r.cost.money).toBe(25);
    expect(r.boxCapacity).toEqual({ leftToday: 210, ports: 2 });
    expect(r.warnings).toEqual(["The box's SIMs can send 210 more SMS today; the other 40 wait until tomorrow."]);
  });
});

describe('account price and currency', () => {
  const eims = { kind: 'eims', name: 'P', baseUrl: 'http://10.0.0.8:20003', account: 'demo' };
  it('are optional, read from the form as typed, and checked', () => {
    expect(accountConfigSchema.parse({ ...eims, pricePerSegment: '0.05', currency: ' cny ' })).toMatchObject({ pricePerSegment: 0.05, currency: 'CNY' });
    expect(accountConfigSchema.parse({ ...eims, pricePerSegment: '', currency: '' })).not.toHaveProperty('pricePerSegment', expect.anything());
    const bad = accountConfigSchema.safeParse({ ...eims, pricePerSegment: 'five cents', currency: 'RMB¥' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pricePerSegment', 'Enter the price of one SMS segment as a number, e.g. 0.05'],
      ['currency', 'Enter a three-letter currency code, e.g. CNY or USD'],
    ]);
    expect(accountConfigSchema.safeParse({ ...eims, pricePerSegment: -1 }).error?.issues[0]?.message).toBe('A price cannot be negative');
  });
});
