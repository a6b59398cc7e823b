import { createHash } from 'node:crypto';
import { missingSecretError } from '../errors.ts';

/**
 * EIMS credentials for one request. Plain mode: account + password. Encrypted mode: a fresh `seq`
 * from the persisted counter (strictly increasing, never reused — even when the request then fails),
 * `time` in Unix seconds and password = md5(account + password + seq + time + key), lowercase hex.
 */
export interface EimsAuthFields {
  account: string;
  password: string;
  seq?: number;
  time?: number;
}

export function eimsDigest(account: string, password: string, seq: number, time: number, key: string): string {
  return createHash('md5').update(`${account}${password}${seq}${time}${key}`, 'utf8').digest('hex');
}

export interface EimsAuthInput {
  account: string;
  encrypted: boolean;
  password: string | undefined;
  key: string | undefined;
  nextSeq: () => number;
  nowMs: number;
}

export function eimsAuthFields(input: EimsAuthInput): EimsAuthFields {
  if (!input.password) throw missingSecretError('eims', 'password');
  if (!input.encrypted) return { account: input.account, password: input.password };
  if (!input.key) throw missingSecretError('eims', 'encryption key');
  const seq = input.nextSeq();
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error('EIMS seq counter returned an invalid value');
  const time = Math.floor(input.nowMs / 1000);
  return { account: input.account, password: eimsDigest(input.account, input.password, seq, time, input.key), seq, time };
}
