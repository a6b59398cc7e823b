import { z } from 'zod';

/** OpenVox box replies: `{uri, code, msg, data}`; success is code 200 (0 accepted too). Ints may come as strings. */

const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const text = z.union([z.string(), z.number()]).transform(String);

export const envelope = z.object({
  uri: z.string().optional(),
  code: intLike,
  msg: z.union([z.string(), z.null()]).optional(),
  data: z.unknown().optional(),
});

export const portRow = z.object({
  port: intLike,
  port_name: text.optional(),
  status: intLike,
});

export const outboxRow = z.object({
  port_name: text.optional().default(''),
  phonenumber: text,
  time: text.optional(),
  message: z.union([z.string(), z.null()]).optional(),
  status: z.string(),
});

const flag = z.union([intLike, z.boolean().transform((b) => (b ? 1 : 0))]).transform((n) => (n ? 1 : 0));
const field = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === null || v === undefined ? '' : String(v)));

export const pushSettings = z.object({
  enable: flag,
  reports_enable: flag.optional().default(0),
  results_enable: flag.optional().default(0),
  url_http: field,
  url_host: field,
  url_port: field,
  url_path: field,
  url_from_num: field,
  url_to_num: field,
  url_portname: field,
  url_message: field,
  url_time: field,
  url_imsi: field,
  url_status: field,
  url_user_defined: field,
});
export type GsmboxPushSettings = z.output<typeof pushSettings>;
