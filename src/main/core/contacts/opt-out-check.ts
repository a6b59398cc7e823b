import type Database from 'better-sqlite3';
import { OptOutsRepository } from './store/opt-outs-repository.ts';

/** For the sending layer: ask right before handing numbers to a provider. */
export interface OptOutCheck {
  isOptedOut(e164: string): boolean;
  filterOptedOut(e164s: readonly string[]): { allowed: string[]; optedOut: string[] };
}

export function createOptOutCheck(db: Database.Database): OptOutCheck {
  const repo = new OptOutsRepository(db);
  return { isOptedOut: (e) => repo.isOptedOut(e), filterOptedOut: (list) => repo.filterOptedOut(list) };
}
