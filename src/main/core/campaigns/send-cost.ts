import type { ProviderKind } from '../../../shared/accounts.ts';
import type { BoxCapacity, CostEstimate, FundsCheck } from '../../../shared/campaigns.ts';
import { quotaOfTemplateType } from '../../../shared/jsms-template.ts';
import type { BalanceLine } from '../../../shared/providers.ts';
import { leftUnderCap } from '../dispatch/sim-sends.ts';

/**
 * The pre-send summary's cost: what the send uses up (segments, and money when the account has a price
 * per segment), set against what it draws on only where both are in one unit — never segments against
 * money. EIMS: money against the balance (the gift balance is not counted). JSMS: template SMS against
 * the template type's quota plus the all-type quota. GSM box: recipients against what the SIMs may
 * still send today under their daily cap. Plain functions: the numbers come from the caller.
 */

export interface CostInputs {
  kind: ProviderKind;
  segments: number;
  recipients: number;
  /** The account's price per segment and its currency, when set. */
  price: { perSegment: number; currency: string | null } | null;
  /** The account's balance lines as the provider reported them ([] when unknown). */
  balances: readonly BalanceLine[];
  /** JSMS: the template's type (1 code, 2 notice, 3 marketing), null when it could not be read. */
  templateType: number | null;
  /** GSM box: its ports now, what each sent today, the daily cap per SIM and the ports the draft may use. */
  box: { ports: readonly { port: number; available: boolean }[]; sentToday: ReadonlyMap<number, number>; dailyCap: number; allowed?: readonly number[] | undefined } | null;
}

export interface CostOutcome {
  cost: CostEstimate;
  funds: FundsCheck | null;
  boxCapacity: BoxCapacity | null;
  warnings: string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;
const amountOf = (lines: readonly BalanceLine[], pool: BalanceLine['pool']) => lines.find((l) => l.pool === pool)?.amount ?? null;

/** JSMS: what a template of this quota can draw on (its own quota plus the all-type one); null when neither was reported. */
export function jsmsSpendable(lines: readonly BalanceLine[], quota: 'industry' | 'market'): number | null {
  const own = amountOf(lines, quota);
  const all = amountOf(lines, 'all');
  if (!lines.some((l) => l.pool === 'all' || l.pool === quota)) return null;
  return (own ?? 0) + (all ?? 0);
}

/**
 * The amount a low-balance warning watches: EIMS its balance; JSMS what codes and notices can draw on
 * (industry plus all-type quota, what most sends use; the marketing quota is shown beside it).
 */
export function watchedBalance(kind: ProviderKind, lines: readonly BalanceLine[]): number | null {
  if (kind === 'jsms') return jsmsSpendable(lines, 'industry');
  return lines[0]?.amount ?? null;
}

export function boxCapacityOf(box: NonNullable<CostInputs['box']>): BoxCapacity | null {
  if (box.dailyCap <= 0) return null;
  const usable = box.ports.filter((p) => p.available && (!box.allowed || box.allowed.includes(p.port)));
  return { leftToday: usable.reduce((n, p) => n + (leftUnderCap(box.dailyCap, box.sentToday.get(p.port) ?? 0) ?? 0), 0), ports: usable.length };
}

export function estimateCost(i: CostInputs): CostOutcome {
  const warnings: string[] = [];
  const cost: CostEstimate = {
    segments: i.segments,
    money: i.price === null ? null : cents(i.segments * i.price.perSegment),
    currency: i.price?.currency ?? null,
  };
  let funds: FundsCheck | null = null;
  let boxCapacity: BoxCapacity | null = null;

  if (i.kind === 'eims') {
    const balance = i.balances.find((l) => l.unit === 'money')?.amount ?? null;
    if (balance !== null && cost.money !== null) {
      funds = { source: 'eims-balance', unit: 'money', available: balance, needed: cost.money, covered: cost.money <= balance };
      if (!funds.covered) warnings.push(`The estimated cost (${cost.money}) is more than the balance (${balance}). Sending stops when the balance runs out.`);
    }
  } else if (i.kind === 'jsms') {
    if (i.templateType === null) {
      if (i.balances.length > 0) warnings.push(`The template could not be read from JSMS, so the ${i.segments} SMS needed were not compared with its quota.`);
    } else {
      const quota = quotaOfTemplateType(i.templateType) === 'market' ? 'market' : 'industry';
      const available = jsmsSpendable(i.balances, quota);
      if (available !== null) {
        funds = { source: quota === 'market' ? 'jsms-market' : 'jsms-industry', unit: 'messages', available, needed: i.segments, covered: i.segments <= available };
        if (!funds.covered) {
          warnings.push(
            quota === 'market'
              ? `This marketing template draws on the marketing quota, then on the all-type quota: ${i.segments} SMS are needed and ${available} are left. Sending stops when they run out.`
              : `This template draws on the industry quota (codes and notices), then on the all-type quota: ${i.segments} SMS are needed and ${available} are left. Sending stops when they run out.`,
          );
        }
      }
    }
  } else if (i.box) {
    boxCapacity = boxCapacityOf(i.box);
    if (boxCapacity !== null && i.recipients > boxCapacity.leftToday) {
      warnings.push(`The box's SIMs can send ${boxCapacity.leftToday} more SMS today; the other ${i.recipients - boxCapacity.leftToday} wait until tomorrow.`);
    }
  }
  return { cost, funds, boxCapacity, warnings };
}
