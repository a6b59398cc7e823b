import type { Migration } from './types.ts';

/**
 * Contacts: lists, the numbers in them, and the opt-out list.
 * A contact is one E.164 number (unique); a list holds contacts with the variables they were imported
 * with (per list, so the same person can carry different variables in two campaigns' lists).
 * `search_text` is a lower-cased "digits + original + variable values" blob the Contacts screen
 * searches with LIKE; number-prefix searches use the e164 index instead.
 */
export const m0002Contacts: Migration = {
  version: 2,
  name: 'contact lists, contacts and opt-outs',
  up: `
    CREATE TABLE lists (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX lists_updated ON lists(updated_at);

    CREATE TABLE contacts (
      id           INTEGER PRIMARY KEY,
      e164         TEXT NOT NULL UNIQUE,
      original     TEXT NOT NULL DEFAULT '',
      vars         TEXT NOT NULL DEFAULT '{}',   -- JSON: variable name -> text, as last imported or edited
      search_text  TEXT NOT NULL DEFAULT '',
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    );

    CREATE TABLE list_members (
      list_id     TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      vars        TEXT NOT NULL DEFAULT '{}',    -- JSON: the variables this list carries for the contact
      added_at    INTEGER NOT NULL,
      PRIMARY KEY (list_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX list_members_contact ON list_members(contact_id);

    CREATE TABLE opt_outs (
      e164        TEXT PRIMARY KEY,
      source      TEXT NOT NULL CHECK (source IN ('manual', 'import', 'keyword')),
      note        TEXT NOT NULL DEFAULT '',
      created_at  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX opt_outs_created ON opt_outs(created_at);
  `,
};
