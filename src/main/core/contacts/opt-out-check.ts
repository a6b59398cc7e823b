import type Database from 'better-sqlite3';
import type { OptOutSource } from '../../../shared/contact-lists.ts';
import { OptOutsRepository } from './store/opt-outs-repository.ts';

/**
 * For the sending layer: ask right before handing numbers to a provider. For the inbound layer:
 * `record` a number that replied with an unsubscribe keyword (then emit `optOutsChanged`).
 */
export interface OptOutCheck {
  isOptedOut(e164: string): boolean;
  filterOptedOut(e164s: readonly string[]): { allowed: string[]; optedOut: string[] };
  /** Adds numbers not listed yet; returns how many were new. */
  record(e164s: readonly string[], source: OptOutSource, note: string, now: number): number;
}

export function createOptOutCheck(db: Database.Database): OptOutCheck {
  const repo = new OptOutsRepository(db);
  return {
    isOptedOut: (e) => repo.isOptedOut(e),
    filterOptedOut: (list) => repo.filterOptedOut(list),
    record: (list, source, note, now) => repo.add(list, source, note, now),
  };
}
