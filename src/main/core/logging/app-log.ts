import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError, type Result } from '../../../shared/errors.ts';
import { secretFieldsOf, secretKey } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import { createLogger, type Logger } from './logger.ts';

export interface LogOptions {
  /** Default `<dataDir>/logs`. */
  logDir?: string;
  logMaxBytes?: number;
  logMaxFiles?: number;
}

export const openAppLog = (dataDir: string, o: LogOptions, now: () => number): Logger =>
  createLogger({ dir: o.logDir ?? join(dataDir, 'logs'), name: 'sms-console.log', maxBytes: o.logMaxBytes ?? 5 * 1024 * 1024, maxFiles: o.logMaxFiles ?? 5, now });

/** Reads every account secret once through the (redacting) store so the log knows them before anything is written. */
export function learnSecrets(ctx: CoreContext): void {
  for (const row of new AccountsRepository(ctx.db).list()) {
    for (const field of secretFieldsOf(row.config.kind)) {
      try {
        ctx.secrets.get(secretKey(row.id, field));
      } catch {
        /* keychain unavailable: nothing to learn */
      }
    }
  }
}

/** Failed calls are logged with their code and sentence (redacted like every line). */
export function logResult(log: Logger, name: string, result: Result<unknown>): void {
  if (!result.ok) log.warn('method.failed', { method: name, code: result.error.code, message: result.error.message, providerCode: result.error.providerCode });
}

export function logUnexpected(log: Logger, where: string, err: unknown): void {
  log.error('unexpected', { where, error: err instanceof AppError ? err.toShape() : err });
}

export function currentUser(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}
