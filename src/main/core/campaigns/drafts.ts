import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import { savedFormSchema, type DraftDetail, type DraftView, type SavedForm } from '../../../shared/drafts.ts';
import { AppError } from '../../../shared/errors.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CampaignRow } from './campaigns-repository.ts';

/**
 * Compose forms saved to finish later, and the form that duplicates a campaign. A draft is the form as
 * the user left it (savedFormSchema); nothing in it is sent until it goes through review like any draft.
 */

interface RawDraft {
  id: string;
  name: string;
  form: string;
  created_at: number;
  updated_at: number;
}

const PREVIEW_CHARS = 80;

/** The saved form of a campaign: its content, account, quiet hours and ports, and — when it was written from a draft — its recipients. */
export function formOfCampaign(c: CampaignRow, source: Partial<CampaignDraft> | undefined, name: string): SavedForm {
  const content = c.content;
  return savedFormSchema.parse({
    name: name.slice(0, 100),
    accountId: c.accountId,
    body: content.mode === 'text' ? content.body : '',
    sender: content.mode === 'text' ? (content.sender ?? '') : '',
    tempId: content.mode === 'template' ? String(content.tempId) : '',
    signId: content.mode === 'template' && content.signId !== undefined ? String(content.signId) : '',
    params: content.mode === 'template' ? Object.entries(content.params).map(([n, value]) => ({ name: n, value })) : [],
    listIds: source?.recipients?.listIds ?? [],
    pasted: source?.recipients?.pasted ?? '',
    quietHours: c.quietHours,
    ports: c.options.ports ?? [],
  });
}

export function createDrafts(db: Database.Database, now: () => number) {
  const accounts = new AccountsRepository(db);
  const stmts = {
    list: db.prepare<[], RawDraft>('SELECT id, name, form, created_at, updated_at FROM drafts ORDER BY updated_at DESC, rowid DESC'),
    get: db.prepare<[string], RawDraft>('SELECT id, name, form, created_at, updated_at FROM drafts WHERE id = ?'),
    insert: db.prepare<[string, string, string, number, number]>('INSERT INTO drafts (id, name, form, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    update: db.prepare<[string, string, number, string]>('UPDATE drafts SET name = ?, form = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare<[string]>('DELETE FROM drafts WHERE id = ?'),
  };

  const detail = (r: RawDraft): DraftDetail => {
    const parsed = savedFormSchema.safeParse(JSON.parse(r.form));
    const form = parsed.success ? parsed.data : savedFormSchema.parse({ name: r.name });
    const accountName = form.accountId === null ? null : (accounts.get(form.accountId)?.config.name ?? null);
    return {
      id: r.id,
      name: r.name,
      accountId: form.accountId,
      accountName,
      text: form.body.slice(0, PREVIEW_CHARS),
      tempId: form.tempId,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      form,
    };
  };
  const view = (r: RawDraft): DraftView => {
    const { form: _form, ...rest } = detail(r);
    return rest;
  };
  const require = (id: string): RawDraft => {
    const r = stmts.get.get(id);
    if (!r) throw new AppError('DRAFT_NOT_FOUND', 'This draft no longer exists. Reload the list of drafts.');
    return r;
  };

  return {
    list: (): DraftView[] => stmts.list.all().map(view),
    get: (id: string): DraftDetail => detail(require(id)),
    /** Creates the draft (no id) or replaces its form. */
    save(id: string | undefined, form: SavedForm): DraftView {
      const t = now();
      const name = form.name.trim();
      if (id === undefined) {
        const newId = randomUUID();
        stmts.insert.run(newId, name, JSON.stringify(form), t, t);
        return view(require(newId));
      }
      require(id);
      stmts.update.run(name, JSON.stringify(form), t, id);
      return view(require(id));
    },
    remove(id: string): { id: string } {
      require(id);
      stmts.remove.run(id);
      return { id };
    },
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
