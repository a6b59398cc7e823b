import type Database from 'better-sqlite3';
import { contactNameOf } from '../../../shared/contact-name.ts';

/**
 * Names of the contacts behind a page of numbers (inbox, message log, a campaign's messages): from the
 * contact's variables as last imported or edited, else from the newest list that gave it a name. One
 * indexed look-up per query for a whole page; numbers that are not contacts have no name.
 */
export function createContactNames(db: Database.Database) {
  const contactVars = db.prepare<[string], { e164: string; vars: string }>(`SELECT e164, vars FROM contacts WHERE e164 IN (SELECT value FROM json_each(?))`);
  const memberVars = db.prepare<[string], { e164: string; vars: string }>(
    `SELECT c.e164, m.vars FROM contacts c JOIN list_members m ON m.contact_id = c.id JOIN lists l ON l.id = m.list_id AND l.state = 'ready'
     WHERE c.e164 IN (SELECT value FROM json_each(?)) ORDER BY m.added_at DESC`,
  );
  const nameIn = (json: string): string | null => {
    try {
      const vars = JSON.parse(json) as unknown;
      return vars !== null && typeof vars === 'object' ? contactNameOf(vars as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  return (numbers: Iterable<string>): Map<string, string> => {
    const names = new Map<string, string>();
    const wanted = [...new Set(numbers)];
    if (wanted.length === 0) return names;
    const contacts = new Set<string>();
    for (const r of contactVars.all(JSON.stringify(wanted))) {
      contacts.add(r.e164);
      const name = nameIn(r.vars);
      if (name !== null) names.set(r.e164, name);
    }
    const rest = wanted.filter((n) => contacts.has(n) && !names.has(n));
    if (rest.length > 0) {
      for (const r of memberVars.all(JSON.stringify(rest))) {
        if (names.has(r.e164)) continue;
        const name = nameIn(r.vars);
        if (name !== null) names.set(r.e164, name);
      }
    }
    return names;
  };
}

export type ContactNames = ReturnType<typeof createContactNames>;
