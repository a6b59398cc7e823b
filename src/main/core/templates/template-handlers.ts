import type { Handlers } from '../../../shared/api.ts';
import type { templateMethods } from '../../../shared/contract/templates.ts';
import type { JsmsCatalog } from './jsms-catalog.ts';

export type TemplateHandlers = Pick<Handlers, keyof typeof templateMethods>;

/** Contract handlers for JSMS templates and signatures: thin, the logic lives in jsms-catalog.ts. */
export function createTemplateHandlers(catalog: JsmsCatalog): TemplateHandlers {
  return {
    jsmsTemplatesList: ({ accountId }) => catalog.templates(accountId),
    jsmsTemplateCreate: ({ accountId, fields }) => catalog.createTemplate(accountId, fields),
    jsmsTemplateAdd: ({ accountId, tempId }) => catalog.addTemplate(accountId, tempId),
    jsmsTemplateRefresh: ({ accountId, tempId }) => catalog.refreshTemplates(accountId, tempId),
    jsmsTemplateUpdate: ({ accountId, tempId, fields }) => catalog.updateTemplate(accountId, tempId, fields),
    jsmsTemplateDelete: ({ accountId, tempId }) => catalog.deleteTemplate(accountId, tempId),
    jsmsSignsList: ({ accountId }) => catalog.signs(accountId),
    jsmsSignCreate: ({ accountId, fields }) => catalog.createSign(accountId, fields),
    jsmsSignAdd: ({ accountId, signId }) => catalog.addSign(accountId, signId),
    jsmsSignRefresh: ({ accountId, signId }) => catalog.refreshSigns(accountId, signId),
    jsmsSignUpdate: ({ accountId, signId, fields }) => catalog.updateSign(accountId, signId, fields),
    jsmsSignDelete: ({ accountId, signId }) => catalog.deleteSign(accountId, signId),
  };
}
