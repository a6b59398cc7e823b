import type { JsmsSignView, JsmsTemplateView } from '../../../shared/jsms-catalog.ts';
import { AppError } from '../../../shared/errors.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import { ProviderError } from '../providers/errors.ts';
import { createJsmsClient, type JsmsClient, type JsmsSignInput, type JsmsTemplateInput } from '../providers/jsms/client.ts';
import { createCatalogRepository, GONE } from './catalog-repository.ts';

/**
 * JSMS templates and signatures: the calls of the vendor's template and signature APIs, with what the
 * app knows of each kept in SQLite. JSMS cannot list them, so the list is what was created here or
 * added by id; a refresh reads each one's review status again (JSMS gives the reason of a refusal
 * only in its review callback: pushed to the receiver, it is kept with the item).
 */

/** JSMS's "no such template" and "no such signature". */
const TEMPLATE_GONE = 50013;
const SIGN_GONE = 50102;

export interface ReviewPush {
  what: 'template' | 'sign';
  id: number;
  status: number;
  reason: string | null;
}

export function createJsmsCatalog(ctx: CoreContext) {
  const accounts = new AccountsRepository(ctx.db);
  const repo = createCatalogRepository(ctx.db);
  const now = () => ctx.clock.now();
  const changed = (accountId: string) => ctx.emit('jsmsCatalogChanged', { accountId });

  const client = (accountId: string): JsmsClient => {
    const row = accounts.require(accountId);
    if (row.config.kind !== 'jsms') {
      throw new AppError('TEMPLATES_JSMS_ONLY', 'Templates and signatures belong to JSMS accounts. Pick a JSMS account.', { fields: { accountId: 'Pick a JSMS account.' } });
    }
    return createJsmsClient({ ...row.config, id: row.id }, secretGetter(ctx.secrets, { id: row.id, kind: 'jsms' }), { fetch: ctx.fetch, clock: ctx.clock, nextSeq: () => 0 /* JSMS calls carry no seq */ });
  };
  const isGone = (err: unknown, code: number) => err instanceof ProviderError && Number(err.providerCode) === code;

  async function readTemplate(accountId: string, tempId: number): Promise<JsmsTemplateView> {
    const r = await client(accountId).templateGet(tempId);
    return repo.putTemplate(accountId, tempId, { template: r.template, type: r.type, ttl: r.ttl || null, remark: r.remark ?? '', status: r.status }, now(), now());
  }

  async function readSign(accountId: string, signId: number): Promise<JsmsSignView> {
    const r = await client(accountId).signGet(signId);
    // JSMS documents 1 passed and 2 rejected; anything else is still under review.
    return repo.putSign(accountId, signId, { sign: r.sign, status: r.status === 1 || r.status === 2 ? r.status : 0, useStatus: r.useStatus }, now(), now());
  }

  const templateInput = (f: { template: string; type: 1 | 2 | 3; ttl?: number | undefined; remark: string }): JsmsTemplateInput => ({
    template: f.template,
    type: f.type,
    ...(f.ttl !== undefined ? { ttl: f.ttl } : {}),
    ...(f.remark !== '' ? { remark: f.remark } : {}),
  });
  const signInput = (f: { sign: string; images: { fileName: string; mime: string; base64: string }[] }): JsmsSignInput => ({
    sign: f.sign,
    images: f.images.map((i) => ({ fileName: i.fileName, mime: i.mime, bytes: Buffer.from(i.base64, 'base64') })),
  });

  /** Reads each item's status again; one JSMS no longer has is marked gone (kept, so the user sees why). */
  const recheck = async (accountId: string, ids: readonly number[], read: (id: number) => Promise<unknown>, gone: number, markGone: (id: number) => void) => {
    try {
      for (const id of ids) {
        try {
          await read(id);
        } catch (err) {
          if (!isGone(err, gone)) throw err;
          markGone(id);
        }
      }
    } finally {
      changed(accountId);
    }
  };
  /** A template just submitted (new or changed after a refusal): under review, its status not read yet. */
  const submitted = (accountId: string, tempId: number, input: JsmsTemplateInput, remark: string) =>
    repo.putTemplate(accountId, tempId, { template: input.template, type: input.type, ttl: input.ttl ?? null, remark, status: 0 }, null, now());

  return {
    templates: (accountId: string) => (accounts.require(accountId), repo.templates(accountId)),

    async createTemplate(accountId: string, f: Parameters<typeof templateInput>[0]): Promise<JsmsTemplateView> {
      const input = templateInput(f);
      const { tempId } = await client(accountId).templateCreate(input);
      const view = submitted(accountId, tempId, input, f.remark);
      changed(accountId);
      return view;
    },

    async addTemplate(accountId: string, tempId: number): Promise<JsmsTemplateView> {
      try {
        const view = await readTemplate(accountId, tempId);
        changed(accountId);
        return view;
      } catch (err) {
        if (isGone(err, TEMPLATE_GONE)) throw new AppError('TEMPLATE_NOT_FOUND', `JSMS has no template ${tempId} in this app. Check the id in the JSMS console.`, { fields: { tempId: 'No such template.' } });
        throw err;
      }
    },

    async refreshTemplates(accountId: string, tempId?: number): Promise<JsmsTemplateView[]> {
      const ids = tempId !== undefined ? [tempId] : repo.templates(accountId).map((t) => t.tempId);
      await recheck(accountId, ids, (id) => readTemplate(accountId, id), TEMPLATE_GONE, (id) => repo.templateStatus(accountId, id, GONE, now()));
      return repo.templates(accountId);
    },

    async updateTemplate(accountId: string, tempId: number, f: Parameters<typeof templateInput>[0]): Promise<JsmsTemplateView> {
      const input = templateInput(f);
      await client(accountId).templateUpdate(tempId, input);
      const view = submitted(accountId, tempId, input, f.remark);
      changed(accountId);
      return view;
    },

    async deleteTemplate(accountId: string, tempId: number): Promise<{ tempId: number }> {
      try {
        await client(accountId).templateDelete(tempId);
      } catch (err) {
        if (!isGone(err, TEMPLATE_GONE)) throw err;
      }
      repo.removeTemplate(accountId, tempId);
      changed(accountId);
      return { tempId };
    },

    signs: (accountId: string) => (accounts.require(accountId), repo.signs(accountId)),

    async createSign(accountId: string, f: Parameters<typeof signInput>[0]): Promise<JsmsSignView> {
      const { signId } = await client(accountId).signCreate(signInput(f));
      const view = repo.putSign(accountId, signId, { sign: f.sign, status: 0, useStatus: 0 }, null, now());
      changed(accountId);
      return view;
    },

    async addSign(accountId: string, signId: number): Promise<JsmsSignView> {
      try {
        const view = await readSign(accountId, signId);
        changed(accountId);
        return view;
      } catch (err) {
        if (isGone(err, SIGN_GONE)) throw new AppError('SIGN_NOT_FOUND', `JSMS has no signature ${signId} in this app. Check the id in the JSMS console.`, { fields: { signId: 'No such signature.' } });
        throw err;
      }
    },

    async refreshSigns(accountId: string, signId?: number): Promise<JsmsSignView[]> {
      const ids = signId !== undefined ? [signId] : repo.signs(accountId).map((s) => s.signId);
      await recheck(accountId, ids, (id) => readSign(accountId, id), SIGN_GONE, (id) => repo.signStatus(accountId, id, GONE, now()));
      return repo.signs(accountId);
    },

    async updateSign(accountId: string, signId: number, f: Parameters<typeof signInput>[0]): Promise<JsmsSignView> {
      await client(accountId).signUpdate(signId, signInput(f));
      const view = repo.putSign(accountId, signId, { sign: f.sign, status: 0, useStatus: repo.sign(accountId, signId)?.inUse ? 1 : 0 }, null, now());
      changed(accountId);
      return view;
    },

    async deleteSign(accountId: string, signId: number): Promise<{ signId: number }> {
      try {
        await client(accountId).signDelete(signId);
      } catch (err) {
        if (!isGone(err, SIGN_GONE)) throw err;
      }
      repo.removeSign(accountId, signId);
      changed(accountId);
      return { signId };
    },

    /** Review results JSMS pushed to the receiver (SMS_TEMPLATE / SMS_SIGN callbacks), for items the app knows. */
    reviewed(accountId: string, pushes: readonly ReviewPush[]): void {
      let any = false;
      for (const p of pushes) {
        const known = p.what === 'template' ? repo.templateReviewed(accountId, p.id, p.status, p.reason, now()) : repo.signReviewed(accountId, p.id, p.status, p.reason, now());
        any ||= known;
      }
      if (any) changed(accountId);
    },

  };
}

export type JsmsCatalog = ReturnType<typeof createJsmsCatalog>;
