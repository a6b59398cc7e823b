import { z } from 'zod';
import { NOTIFY_KINDS, type NotifyKind } from './notifications.ts';

const notificationToggles = z.object(Object.fromEntries(NOTIFY_KINDS.map((k) => [k, z.boolean()])) as Record<NotifyKind, z.ZodBoolean>);
const allNotificationsOn = Object.fromEntries(NOTIFY_KINDS.map((k) => [k, true])) as Record<NotifyKind, boolean>;

/** Each setting's own rule, without defaults (a patch must not fill in fields it does not name). */
const fields = {
  /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().length(2, 'A region is two letters, e.g. CN').toUpperCase(),
  language: z.enum(['en', 'zh']),
  theme: z.enum(['light', 'dark', 'auto']),
  /** Desktop app: start (in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  /** System notifications, on or off per kind. A patch replaces the whole object. */
  notifications: notificationToggles,
  /** The receiver (pushed reports, inbound SMS): the address of this PC to listen on and the port. */
  receiverHost: z.string().trim().min(1, 'Pick an address to listen on.').max(64),
  receiverPort: z.number().int().min(0).max(65535, 'Use a port from 1 to 65535.'),
  /** An inbound SMS whose whole text is one of these (case-insensitive) adds the sender to the opt-out list. */
  optOutKeywords: z.array(z.string().trim().min(1).max(20)).max(50),
  /** A balance below this (in the provider's units) is flagged on the dashboard. */
  lowBalanceThreshold: z.number().min(0).max(1e9),
  /** "Send a test to me": the number the last test went to (as typed), offered again in Compose. */
  testNumber: z.string().trim().max(40),
  /**
   * How long after a campaign was handed over its delivery reports are waited for, per provider (hours).
   * After it the campaign is finished and what never got a report is shown as "no report".
   */
  reportWindowHours: z.object({
    eims: z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 30 days.'),
    jsms: z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 30 days.'),
    gsmbox: z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 30 days.'),
  }),
  /** An inbound SMS counts as a reply to the campaign that messaged the number at most this long before (hours). */
  replyWindowHours: z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 30 days.'),
  /** Quick-reply snippets offered in the inbox's reply box. A patch replaces the whole list. */
  quickReplies: z.array(z.string().trim().min(1, 'A snippet needs some text.').max(500, 'A snippet is 500 characters at most.')).max(30, 'Keep at most 30 snippets.'),
};

/** App settings (electron-store in the desktop app, a JSON file in headless mode), with defaults. */
export const settingsSchema = z.object({
  defaultRegion: fields.defaultRegion.default('CN'),
  language: fields.language.default('en'),
  theme: fields.theme.default('auto'),
  startAtLogin: fields.startAtLogin.default(false),
  notifications: fields.notifications.default(allNotificationsOn),
  receiverHost: fields.receiverHost.default('127.0.0.1'),
  receiverPort: fields.receiverPort.default(18080),
  optOutKeywords: fields.optOutKeywords.default(['STOP', 'TD', '退订', 'T']),
  lowBalanceThreshold: fields.lowBalanceThreshold.default(100),
  testNumber: fields.testNumber.default(''),
  // Three days: as long as the report poller keeps asking about a message.
  reportWindowHours: fields.reportWindowHours.default({ eims: 72, jsms: 72, gsmbox: 72 }),
  replyWindowHours: fields.replyWindowHours.default(72),
  quickReplies: fields.quickReplies.default([]),
});
export type Settings = z.output<typeof settingsSchema>;
/** A change to some settings: only the named fields change. */
export const settingsPatchSchema = z.object(fields).partial();
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
