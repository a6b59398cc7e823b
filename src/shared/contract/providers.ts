
import { method } from './define.ts';
import { accountIdSchema } from '../accounts.ts';
import { verificationCheckSchema, verificationSendSchema, type ConnectionCheck, type VerifyResult } from '../providers.ts';

export const providerMethods = {
  /** Balance for JSMS/EIMS, ports for the box. Never fails as a call: a failed check is `ok: false` with the error. */
  accountsTest: method<ConnectionCheck>()(accountIdSchema),
  /** Sends a JSMS text or voice verification code; returns the msg_id to verify against. */
  verificationSend: method<{ msgId: string }>()(verificationSendSchema),
  verificationCheck: method<VerifyResult>()(verificationCheckSchema),
};

export const providerEvents = {};
