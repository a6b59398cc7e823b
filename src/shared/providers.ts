/**
 * What the renderer learns about providers: connection checks (balances, ports) and verification-code
 * results. Plain types shared by core and renderer; the provider clients themselves live in main.
 */
import { z } from 'zod';
import type { AppErrorShape } from './errors.ts';
import type { ProviderKind } from './accounts.ts';
import type { BoxPortHealth } from './box-ports.ts';

export interface BalanceLine {
  /** What the number counts, e.g. "App balance (SMS)", "Balance", "Gift". */
  label: string;
  /** null = no quota assigned. */
  amount: number | null;
  unit: 'messages' | 'money';
  /**
   * JSMS app quotas: `all` (app_balance, any type), `industry` (codes and notices), `market`
   * (marketing), `voice` (voice codes). A template SMS draws on its type's quota, then on `all`.
   */
  pool?: 'all' | 'industry' | 'market' | 'voice';
}

export interface PortInfo {
  port: number;
  name: string;
  available: boolean;
  /** A box account's test: the port's rotation, success rate and SIM (issue 19). */
  health?: BoxPortHealth;
}

/** What the UI shows after "Test connection". */
export interface ConnectionCheck {
  ok: boolean;
  kind: ProviderKind;
  /** One plain sentence. */
  summary: string;
  balances: BalanceLine[];
  ports: PortInfo[];
  /** Non-fatal problems (e.g. dev balance failed while app balance worked). */
  warnings: string[];
  checkedAt: number;
  /** Present when the check failed: a stable code and a sentence saying what to do. */
  error?: AppErrorShape;
}

export const mobileSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'Enter a phone number, e.g. 13812345678');

export const verificationSendSchema = z.discriminatedUnion('channel', [
  z.object({
    accountId: z.string().min(1),
    channel: z.literal('text'),
    mobile: mobileSchema,
    tempId: z.coerce.number().int().positive('Enter the code template id (a number from the JSMS console)'),
    signId: z.coerce.number().int().positive().optional(),
  }),
  z.object({
    accountId: z.string().min(1),
    channel: z.literal('voice'),
    mobile: mobileSchema,
    code: z
      .string()
      .regex(/^[0-9]{4,8}$/, 'A voice code is 4 to 8 digits')
      .optional(),
    voiceLang: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    ttlSeconds: z.coerce.number().int().min(1).max(86_400).optional(),
  }),
]);

export const verificationCheckSchema = z.object({
  accountId: z.string().min(1),
  msgId: z.string().trim().min(1, 'Enter the message id the send returned'),
  code: z.string().trim().min(1, 'Enter the code the phone received').max(16),
});

export interface VerifyResult {
  valid: boolean;
  /** A plain sentence when not valid (wrong, expired, already used). */
  reason?: string;
  reasonCode?: number;
}
