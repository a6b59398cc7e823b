import type { AccountConfig } from '../../../shared/accounts.ts';
import { AppError, toErrorShape } from '../../../shared/errors.ts';
import type { VerifyResult } from '../../../shared/providers.ts';
import type { Clock, FetchLike } from '../ports.ts';
import { ProviderError, type CallOutcome } from './errors.ts';
import { createJsmsClient } from './jsms/client.ts';
import { createProviderClient } from './registry.ts';
import type { ConnectionCheck, SecretGetter } from './types.ts';

/**
 * Plain provider operations for the UI (no contract wiring here): test a connection, send a JSMS
 * verification code (text or voice) and check one. Accounts are passed in as they are stored
 * (an AccountView or config + id); secrets through a getter, never returned.
 */

export interface ProviderServiceDeps {
  fetch: FetchLike;
  clock: Clock;
  /** Next EIMS encrypted-mode seq for an account (persisted, strictly increasing). */
  nextSeq: (accountId: string) => number;
  timeoutMs?: number;
}

export type ServiceAccount = AccountConfig & { id: string };

/** A check that failed carries `error` (stable code + sentence); see ConnectionCheck in src/shared/providers.ts. */
export type ConnectionTestResult = ConnectionCheck;

export interface VerificationCodeInput {
  mobile: string;
  channel: 'text' | 'voice';
  /** Code template id (text codes). */
  tempId?: number;
  signId?: number;
  /** Voice only: 4–8 digits (JSMS makes one when absent), language 0 zh / 1 en / 2 mixed, validity in s. */
  code?: string;
  voiceLang?: 0 | 1 | 2;
  ttlSeconds?: number;
}


function jsmsOnly(account: ServiceAccount) {
  if (account.kind !== 'jsms') {
    throw new AppError('PROVIDER_UNSUPPORTED', 'Verification codes work only with a JSMS account. Pick a JSMS account.', { kind: 'permanent' });
  }
  return account;
}

export function createProviderService(deps: ProviderServiceDeps) {
  const clientDeps = (accountId: string) => {
    const d = { fetch: deps.fetch, clock: deps.clock, nextSeq: () => deps.nextSeq(accountId) };
    return deps.timeoutMs === undefined ? d : { ...d, timeoutMs: deps.timeoutMs };
  };

  return {
    /** JSMS: app balance (+ dev balance when a dev key/secret is set); EIMS: balance; box: ports. Never throws. */
    async testConnection(account: ServiceAccount, secret: SecretGetter): Promise<ConnectionTestResult> {
      try {
        return await createProviderClient(account, secret, clientDeps(account.id)).checkConnection();
      } catch (err) {
        const error = toErrorShape(err);
        return {
          ok: false,
          kind: account.kind,
          summary: error.message,
          balances: [],
          ports: [],
          warnings: [],
          checkedAt: deps.clock.now(),
          error,
        };
      }
    },

    /** Sends a JSMS verification code; returns the msg_id to verify against later. */
    async sendVerificationCode(account: ServiceAccount, secret: SecretGetter, input: VerificationCodeInput): Promise<{ msgId: string }> {
      const jsms = createJsmsClient(jsmsOnly(account), secret, clientDeps(account.id));
      if (input.channel === 'text') {
        if (input.tempId === undefined) {
          throw new AppError('PROVIDER_INVALID_INPUT', 'Pick the verification-code template to use.', { kind: 'permanent', fields: { tempId: 'Pick a template.' } });
        }
        const req: { mobile: string; tempId: number; signId?: number } = { mobile: input.mobile, tempId: input.tempId };
        if (input.signId !== undefined) req.signId = input.signId;
        return jsms.sendTextCode(req);
      }
      const voice: { mobile: string; code?: string; voiceLang?: 0 | 1 | 2; ttlSeconds?: number } = { mobile: input.mobile };
      if (input.code !== undefined) voice.code = input.code;
      if (input.voiceLang !== undefined) voice.voiceLang = input.voiceLang;
      if (input.ttlSeconds !== undefined) voice.ttlSeconds = input.ttlSeconds;
      return jsms.sendVoiceCode(voice);
    },

    /** Checks a code against a msg_id; wrong/expired/used codes are a normal `valid:false` answer. */
    async verifyCode(account: ServiceAccount, secret: SecretGetter, input: { msgId: string; code: string }): Promise<VerifyResult> {
      const jsms = createJsmsClient(jsmsOnly(account), secret, clientDeps(account.id));
      const r = await jsms.verifyCode(input.msgId, input.code);
      const out: VerifyResult = { valid: r.valid };
      if (r.reason !== undefined) out.reason = r.reason;
      if (r.reasonCode !== undefined) out.reasonCode = r.reasonCode;
      return out;
    },
  };
}

export type ProviderService = ReturnType<typeof createProviderService>;

/** The send outcome of a failed call: 'unknown' unless the error proves nothing reached the provider. */
export function outcomeOf(err: unknown): CallOutcome {
  return err instanceof ProviderError ? err.outcome : 'unknown';
}
