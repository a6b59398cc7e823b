/**
 * THE contract between main (or the headless bridge) and the renderer.
 * Every method: name → zod input schema → output type. Every event: name → payload type.
 * Main registers one handler per method from here, the preload builds `window.api` from here,
 * the renderer's types come from here. Add an area by writing `contract/<area>.ts` and spreading it below.
 */
import type { InputOf, OutputOf, ParsedInputOf, PayloadOf } from './contract/define.ts';
import type { Result } from './errors.ts';
import { accountEvents, accountMethods } from './contract/accounts.ts';
import { appEvents, appMethods } from './contract/app.ts';
import { campaignEvents, campaignMethods } from './contract/campaigns.ts';
import { contactsEvents, contactsMethods } from './contract/contacts.ts';
import { desktopEvents, desktopMethods } from './contract/desktop.ts';
import { insightEvents, insightMethods } from './contract/insight.ts';
import { monitoringEvents, monitoringMethods } from './contract/monitoring.ts';
import { providerEvents, providerMethods } from './contract/providers.ts';
import { scheduleEvents, scheduleMethods } from './contract/schedules.ts';
import { templateEvents, templateMethods } from './contract/templates.ts';
import { uploadEvents, uploadMethods } from './contract/uploads.ts';

export const methods = {
  ...appMethods,
  ...accountMethods,
  ...contactsMethods,
  ...providerMethods,
  ...campaignMethods,
  ...desktopMethods,
  ...monitoringMethods,
  ...insightMethods,
  ...scheduleMethods,
  ...templateMethods,
  ...uploadMethods,
};

export const events = {
  ...appEvents,
  ...accountEvents,
  ...contactsEvents,
  ...providerEvents,
  ...campaignEvents,
  ...desktopEvents,
  ...monitoringEvents,
  ...insightEvents,
  ...scheduleEvents,
  ...templateEvents,
  ...uploadEvents,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
export type Events = typeof events;
export type EventName = keyof Events & string;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type MethodInput<K extends MethodName> = InputOf<Methods[K]>;
export type MethodOutput<K extends MethodName> = OutputOf<Methods[K]>;
export type EventPayload<K extends EventName> = PayloadOf<Events[K]>;

/** What main implements: one handler per method, given validated input. A missing one is a type error. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<Methods[K]>) => Promise<MethodOutput<K>> | MethodOutput<K>;
};

/** What the renderer calls: typed methods that resolve with the output or reject with an ApiError. */
export type Api = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>>;
};

export type Unsubscribe = () => void;

/** What the preload / headless shim put on `window.api`: named methods returning result envelopes. */
export type Bridge = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>>;
} & {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): Unsubscribe;
};

/** The single source of an event emission inside core. */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
