/**
 * The fake main's side of the compose tools: JSMS templates and signatures per account, drafts,
 * duplicates and test sends, kept in memory and validated with the contract's schemas.
 */
import { campaignIdSchema, campaignTestSchema, emptyCounts, type CampaignView, type TestSendView } from '../../src/shared/campaigns.ts';
import { draftIdSchema, draftSaveSchema, type DraftDetail, type SavedForm } from '../../src/shared/drafts.ts';
import type { AppErrorShape } from '../../src/shared/errors.ts';
import { catalogAccountSchema, jsmsTemplateCreateSchema, jsmsTemplateIdSchema, type JsmsSignView, type JsmsTemplateView } from '../../src/shared/jsms-catalog.ts';
import { jsmsTemplateParams } from '../../src/shared/jsms-template.ts';

export interface ComposeToolsState {
  templates: JsmsTemplateView[];
  signs: JsmsSignView[];
  drafts: DraftDetail[];
  /** What campaignDuplicate answers per campaign id. */
  duplicates: Map<string, SavedForm>;
  tests: TestSendView[];
}

export function fakeTemplate(accountId: string, tempId: number, template: string, status: JsmsTemplateView['status'] = 'passed', partial: Partial<JsmsTemplateView> = {}): JsmsTemplateView {
  return { accountId, tempId, template, type: 2, ttl: null, remark: '', status, refuseReason: null, params: jsmsTemplateParams(template), checkedAt: 1, updatedAt: 1, ...partial };
}

export function composeToolHandlers(
  state: ComposeToolsState,
  deps: { campaignOf: (id: string) => CampaignView; emit: (name: 'draftsChanged' | 'jsmsCatalogChanged', payload: never) => void; nextId: () => number },
): Record<string, (input: unknown) => unknown> {
  return {
    jsmsTemplatesList: (input) => state.templates.filter((t) => t.accountId === catalogAccountSchema.parse(input).accountId),
    jsmsSignsList: (input) => state.signs.filter((s) => s.accountId === catalogAccountSchema.parse(input).accountId),
    jsmsTemplateCreate: (input) => {
      const { accountId, fields } = jsmsTemplateCreateSchema.parse(input);
      const t = fakeTemplate(accountId, 100 + deps.nextId(), fields.template, 'reviewing', { type: fields.type, remark: fields.remark, ttl: fields.ttl ?? null });
      state.templates = [t, ...state.templates];
      return t;
    },
    jsmsTemplateRefresh: (input) => state.templates.filter((t) => t.accountId === (input as { accountId: string }).accountId),
    jsmsTemplateDelete: (input) => {
      const { accountId, tempId } = jsmsTemplateIdSchema.parse(input);
      state.templates = state.templates.filter((t) => !(t.accountId === accountId && t.tempId === tempId));
      return { tempId };
    },
    draftsList: () => state.drafts.map(({ form: _f, ...view }) => view),
    draftGet: (input) => {
      const d = state.drafts.find((x) => x.id === draftIdSchema.parse(input).id);
      if (!d) throw { code: 'DRAFT_NOT_FOUND', message: 'This draft no longer exists. Reload the list of drafts.' } satisfies AppErrorShape;
      return d;
    },
    draftSave: (input) => {
      const { id, form } = draftSaveSchema.parse(input);
      const draft: DraftDetail = { id: id ?? `draft-${deps.nextId()}`, name: form.name, accountId: form.accountId, accountName: null, text: form.body.slice(0, 80), tempId: form.tempId, createdAt: 1, updatedAt: 2, form };
      state.drafts = [draft, ...state.drafts.filter((d) => d.id !== draft.id)];
      deps.emit('draftsChanged', { reason: 'saved', id: draft.id } as never);
      const { form: _f, ...view } = draft;
      return view;
    },
    draftDelete: (input) => {
      const { id } = draftIdSchema.parse(input);
      state.drafts = state.drafts.filter((d) => d.id !== id);
      deps.emit('draftsChanged', { reason: 'deleted', id } as never);
      return { id };
    },
    campaignDuplicate: (input) => {
      const { id } = campaignIdSchema.parse(input);
      deps.campaignOf(id);
      const form = state.duplicates.get(id);
      if (!form) throw { code: 'NOT_IN_FAKE', message: 'No duplicate set up for this campaign.' } satisfies AppErrorShape;
      return form;
    },
    campaignTest: (input) => {
      const { draft, number } = campaignTestSchema.parse(input);
      const text = draft.content.mode === 'text' ? draft.content.body : `#${draft.content.tempId}`;
      const campaign = { ...deps.campaignOf('__test__'), id: `test-${deps.nextId()}`, kind: 'test' as const, name: draft.name, counts: { ...emptyCounts(), submitted: 1 }, total: 1 };
      const sent: TestSendView = { campaign, address: number.replace(/\D/g, ''), text, renderedFor: draft.recipients.pasted.trim() === '' && draft.recipients.listIds.length === 0 ? null : '+8613800000001' };
      state.tests.push(sent);
      return sent;
    },
  };
}
