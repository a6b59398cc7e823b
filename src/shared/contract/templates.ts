import { event, method } from './define.ts';
import {
  catalogAccountSchema,
  jsmsSignCreateSchema,
  jsmsSignIdSchema,
  jsmsSignRefreshSchema,
  jsmsSignUpdateSchema,
  jsmsTemplateCreateSchema,
  jsmsTemplateIdSchema,
  jsmsTemplateRefreshSchema,
  jsmsTemplateUpdateSchema,
  type JsmsSignView,
  type JsmsTemplateView,
} from '../jsms-catalog.ts';

/** JSMS templates and signatures: the Templates screen and the pickers of Compose and Schedules. */
export const templateMethods = {
  /** The templates the app knows for the account (no call to JSMS). */
  jsmsTemplatesList: method<JsmsTemplateView[]>()(catalogAccountSchema),
  /** Submits a new template for review (POST /v1/templates). */
  jsmsTemplateCreate: method<JsmsTemplateView>()(jsmsTemplateCreateSchema),
  /** Adds a template made in the JSMS console, read by its id (GET /v1/templates/{id}). */
  jsmsTemplateAdd: method<JsmsTemplateView>()(jsmsTemplateIdSchema),
  /** Reads the review status again (one template, or every known one). */
  jsmsTemplateRefresh: method<JsmsTemplateView[]>()(jsmsTemplateRefreshSchema),
  /** Changes a template that failed review and submits it again (JSMS allows nothing else). */
  jsmsTemplateUpdate: method<JsmsTemplateView>()(jsmsTemplateUpdateSchema),
  /** Deletes the template at JSMS and from the list. */
  jsmsTemplateDelete: method<{ tempId: number }>()(jsmsTemplateIdSchema),

  jsmsSignsList: method<JsmsSignView[]>()(catalogAccountSchema),
  /** Submits a signature (and up to four pictures) for review (POST /v1/sign, multipart). */
  jsmsSignCreate: method<JsmsSignView>()(jsmsSignCreateSchema),
  jsmsSignAdd: method<JsmsSignView>()(jsmsSignIdSchema),
  jsmsSignRefresh: method<JsmsSignView[]>()(jsmsSignRefreshSchema),
  /** Changes a signature that failed review and submits it again. */
  jsmsSignUpdate: method<JsmsSignView>()(jsmsSignUpdateSchema),
  jsmsSignDelete: method<{ signId: number }>()(jsmsSignIdSchema),
};

export const templateEvents = {
  /** A template or signature of the account changed (created, refreshed, reviewed by push, deleted). */
  jsmsCatalogChanged: event<{ accountId: string }>(),
};
