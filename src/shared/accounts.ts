import { z } from 'zod';

/**
 * Provider accounts. Each kind has its own non-secret fields (stored in SQLite) and its own secret
 * fields (stored only in the secret store; write-only over the contract).
 */
export const PROVIDER_KINDS = ['jsms', 'eims', 'gsmbox'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

const parsedUrl = (v: string): URL | null => {
  try {
    return new URL(v);
  } catch {
    return null;
  }
};

/**
 * `http://user:pw@host` without its user name and password (`http://host`); anything else as it is.
 * Older versions accepted such addresses: the store cleans them (accounts-repository.ts).
 */
export function withoutUrlCredentials(url: string): string {
  const u = parsedUrl(url);
  if (!u || (u.username === '' && u.password === '')) return url;
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/+$/, '');
}

const httpUrl = z
  .string()
  .trim()
  .min(1, 'Enter the base URL, e.g. http://192.168.1.50')
  .refine((v) => {
    const u = parsedUrl(v);
    return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  }, 'Enter a full http:// or https:// address, e.g. http://192.168.1.50:80')
  // A password in the address would be stored in plain text (and go into backups): it has its own field.
  .refine((v) => {
    const u = parsedUrl(v);
    return u === null || (u.username === '' && u.password === '');
  }, 'Take the user name and password out of the address: put the password in the password field.')
  .transform((v) => v.replace(/\/+$/, ''));

const name = z.string().trim().min(1, 'Give the account a name').max(80, 'Keep the name under 80 characters');
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const JSMS_DEFAULT_BASE_URL = 'https://api.sms.jpush.cn';

const blankAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
/**
 * What one SMS segment costs on this account (optional; no provider reply says it): the pre-send
 * summary shows the cost in money and, where the balance is money (EIMS), compares the two.
 */
const pricePerSegment = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : blankAsUndefined(v)),
  z
    .number({ error: 'Enter the price of one SMS segment as a number, e.g. 0.05' })
    .min(0, 'A price cannot be negative')
    .max(1000, 'Enter the price of one SMS segment, e.g. 0.05')
    .optional(),
);
/** The currency of the price (and, for EIMS, of the balance): an ISO 4217 code. */
const currency = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toUpperCase()) : blankAsUndefined(v)),
  z
    .string()
    .regex(/^[A-Z]{3}$/, 'Enter a three-letter currency code, e.g. CNY or USD')
    .optional(),
);
const costFields = { pricePerSegment, currency };

export const jsmsConfigSchema = z.object({
  kind: z.literal('jsms'),
  name,
  baseUrl: httpUrl.default(JSMS_DEFAULT_BASE_URL),
  appKey: z.string().trim().min(1, 'Enter the AppKey from the JSMS console').max(64),
  signId: z.coerce.number().int().positive('The signature id is a positive number').optional().or(z.literal('').transform(() => undefined)),
  devKey: optionalText(64, 'Dev key'),
  /** Fetch delivery reports and replies by polling JSMS; turn off only when JSMS pushes to this PC's public callback URL. */
  pullReports: z.boolean().default(true),
  ...costFields,
});

export const eimsConfigSchema = z.object({
  kind: z.literal('eims'),
  name,
  baseUrl: httpUrl,
  account: z.string().trim().min(1, 'Enter the platform account name').max(64),
  sender: optionalText(32, 'Sender id'),
  encrypted: z.boolean().default(false),
  ...costFields,
});

export const gsmboxConfigSchema = z.object({
  kind: z.literal('gsmbox'),
  name,
  baseUrl: httpUrl,
  username: z.string().trim().min(1, 'Enter the gateway user name').max(64),
  /** Seconds between two SMS on one port (operators block SIMs that send too fast). */
  secondsPerSms: z.coerce.number().min(1, 'At least 1 second per SMS').max(3600).default(6),
  /** Most SMS one SIM may send per day; 0 = no cap. */
  dailyCapPerSim: z.coerce.number().int().min(0).max(100000).default(300),
  ...costFields,
  /** How long a port whose sends keep failing rests before one message tries it again. */
  portRestMinutes: z.coerce.number().int('Whole minutes').min(1, 'At least 1 minute').max(1440, 'At most 1440 minutes (a day)').default(30),
});

export const accountConfigSchema = z.discriminatedUnion('kind', [jsmsConfigSchema, eimsConfigSchema, gsmboxConfigSchema]);
export type AccountConfig = z.output<typeof accountConfigSchema>;
export type JsmsConfig = z.output<typeof jsmsConfigSchema>;
export type EimsConfig = z.output<typeof eimsConfigSchema>;
export type GsmboxConfig = z.output<typeof gsmboxConfigSchema>;

/** Secret fields per kind. Only these names are accepted; values are never returned. */
export const SECRET_FIELDS = {
  jsms: ['masterSecret', 'devSecret'],
  eims: ['password', 'key'],
  gsmbox: ['password'],
} as const satisfies Record<ProviderKind, readonly string[]>;
export type SecretField<K extends ProviderKind = ProviderKind> = (typeof SECRET_FIELDS)[K][number];

/** Secrets a working account must have. */
export const REQUIRED_SECRETS: Record<ProviderKind, readonly string[]> = {
  jsms: ['masterSecret'],
  eims: ['password'],
  gsmbox: ['password'],
};

/** Secrets this particular config needs: the kind's required ones, plus the EIMS key in encrypted mode. */
export function requiredSecretsFor(config: AccountConfig): readonly string[] {
  const base = REQUIRED_SECRETS[config.kind];
  return config.kind === 'eims' && config.encrypted ? [...base, 'key'] : base;
}

/** A secret in an input: a new value replaces, `null` clears, absent keeps what is stored. */
const secretValue = z.string().min(1, 'A secret cannot be empty').max(512).nullable().optional();
export const secretsInputSchema = z.record(z.string(), secretValue).default({});

export const accountCreateSchema = z.object({
  config: accountConfigSchema,
  secrets: secretsInputSchema,
});
export const accountUpdateSchema = z.object({
  id: z.string().min(1),
  config: accountConfigSchema,
  secrets: secretsInputSchema,
});
export const accountIdSchema = z.object({ id: z.string().min(1) });

/** What the renderer sees of an account: its config and which secrets are set — never their values. */
export type AccountView = AccountConfig & {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Secrets stored and readable. */
  hasSecret: Record<string, boolean>;
  /** Secrets stored but no longer readable (the system keyring changed): the user must enter them again. */
  secretsToReenter: string[];
};

/**
 * How passwords and keys are kept at rest.
 * - `keychain`: encrypted with the operating system's keychain (the desktop app, normally).
 * - `file`: in a file only this user can read (headless mode).
 * - `weak`: encrypted with a key that is the same on every computer — Linux without a keyring, after
 *   the user agreed to it.
 * - `session`: kept in memory until the app quits, never written (Linux without a keyring before the
 *   user agreed, or no encryption at all): they must be entered again after a restart.
 * - `memory`: tests.
 */
export interface SecretsProtection {
  mode: 'keychain' | 'file' | 'weak' | 'session' | 'memory';
  /** In `session` mode: whether the user may agree to `weak` (false when the system offers no encryption at all). */
  canStoreWeakly: boolean;
  /** The secret store Electron picked on Linux (`basic_text`, `gnome_libsecret`, `kwallet6`…), when known. */
  backend?: string;
}

/** Agreeing to weak protection: the dialog states the risk and the user confirms it. */
export const allowWeakStorageSchema = z.object({ understood: z.literal(true) });
