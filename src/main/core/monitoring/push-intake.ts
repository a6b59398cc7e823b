import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AccountConfig } from '../../../shared/accounts.ts';
import { CAPABILITIES } from '../providers/capabilities.ts';
import { parseEimsPush } from '../providers/eims/push.ts';
import { parseBoxPush } from '../providers/gsmbox/push-query.ts';
import type { PushReply, PushRequest } from '../receiver/receiver-server.ts';
import { BOX_PUSH_NAMES, localUtcOffsetMinutes, portNumber } from './box-push-names.ts';
import type { InboundInput } from './inbound-store.ts';
import { jsmsReplyInputs, jsmsReportInputs, jsmsReviewInputs } from './jsms-records.ts';
import type { ReviewPush } from '../templates/jsms-catalog.ts';
import { BOX_SEND_FAILED, type ReportInput } from './report-ingest.ts';

/**
 * Turns a pushed request into reports and inbound SMS for the one ingest. Validates everything
 * (zod / the provider parsers); anything unreadable is a 400, never an exception.
 */

export interface IntakeDeps {
  account(id: string): (AccountConfig & { id: string }) | undefined;
  secret(accountId: string, field: string): string | undefined;
  now(): number;
  reports(inputs: ReportInput[]): void;
  inbound(items: InboundInput[]): void;
  /** JSMS template / signature review results (SMS_TEMPLATE, SMS_SIGN). */
  reviews?(accountId: string, pushes: ReviewPush[]): void;
  /** A GSM box push named the SIM (IMSI) in a port. */
  imsi?(accountId: string, port: number, imsi: string): void;
}

const OK: PushReply = { status: 200, body: 'OK' };
const BAD: PushReply = { status: 400, body: 'Bad Request' };
const EIMS_OFFSET = CAPABILITIES.eims.providerUtcOffsetMinutes ?? 480;

const jsmsForm = z.object({
  nonce: z.string().min(1).max(64),
  timestamp: z.string().regex(/^\d{1,16}$/),
  signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  type: z.string().max(32),
  data: z.string().max(60_000),
});

function eims(req: PushRequest, deps: IntakeDeps): PushReply {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return BAD;
  }
  const push = parseEimsPush(body, EIMS_OFFSET);
  if (!push) return BAD;
  if (push.type !== 'report') return OK;
  const inputs: ReportInput[] = [];
  for (const r of push.reports) {
    if (r.state === 'unknown') continue;
    inputs.push({
      match: { by: 'provider-id', accountId: req.accountId, providerId: r.providerId, number: r.number, settleUnknownByNumber: true },
      state: r.state,
      source: 'push',
      ...(r.at !== undefined ? { at: r.at } : {}),
      code: r.code,
      message: r.message,
      providerCode: r.providerStatus,
      detail: `EIMS push ${r.providerStatus}`,
    });
  }
  deps.reports(inputs);
  return OK;
}

function box(req: PushRequest, deps: IntakeDeps): PushReply {
  const now = deps.now();
  const push = parseBoxPush(req.target, BOX_PUSH_NAMES, localUtcOffsetMinutes(now));
  if (!push) return BAD;
  const port = portNumber(push.port);
  if (port !== null && push.imsi) deps.imsi?.(req.accountId, port, push.imsi);
  if (push.type === 'inbound') {
    if (push.from.trim() === '' || push.from.length > 40) return BAD;
    const at = push.at ?? now;
    deps.inbound([
      { accountId: req.accountId, dedupeKey: `${push.from}|${push.port}|${push.at ?? ''}|${push.text}`.slice(0, 2000), from: push.from, text: push.text, port, receivedAt: at, source: 'push' },
    ]);
    return OK;
  }
  if (push.number.trim() === '') return BAD;
  if (push.type === 'result') {
    const match: ReportInput['match'] =
      push.id !== '' ? { by: 'provider-id', accountId: req.accountId, providerId: push.id, number: push.number, port } : { by: 'number-port-time', accountId: req.accountId, number: push.number, port, at: push.at ?? now };
    deps.reports([
      {
        match,
        state: push.sent ? 'sent' : 'failed',
        source: 'push',
        ...(push.at !== undefined ? { at: push.at } : {}),
        ...(push.sent ? {} : { code: BOX_SEND_FAILED, message: 'The GSM box could not send this message.' }),
        providerCode: push.rawStatus,
        detail: port === null ? `Box result: ${push.rawStatus}` : `Box result: ${push.rawStatus} (port ${port})`,
      },
    ]);
    return OK;
  }
  const cause = push.cause?.slice(0, 80);
  const failure = {
    delivered: {},
    expired: { code: 'GSMBOX_EXPIRED', message: cause ? `The message expired before the handset received it (${cause}).` : 'The message expired before the handset received it.' },
    failed: { code: 'GSMBOX_NOT_DELIVERED', message: cause ? `The handset did not receive it (${cause}).` : 'The handset did not receive it.' },
  }[push.outcome];
  deps.reports([
    {
      match: { by: 'number-port-time', accountId: req.accountId, number: push.number, port, at: push.at ?? now },
      state: push.outcome,
      source: 'push',
      ...(push.at !== undefined ? { at: push.at } : {}),
      ...failure,
      providerCode: push.rawStatus.slice(0, 80),
      detail: `Box report: ${push.rawStatus.slice(0, 80)}`,
    },
  ]);
  return OK;
}

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest();

function jsms(req: PushRequest, deps: IntakeDeps, account: Extract<AccountConfig, { kind: 'jsms' }>): PushReply {
  const target = typeof req.target === 'string' ? req.target : Buffer.from(req.target).toString('utf8');
  if (req.method === 'GET') {
    const echostr = new URLSearchParams(target.slice(target.indexOf('?') + 1)).get('echostr');
    return echostr && echostr.length <= 256 ? { status: 200, body: echostr } : BAD;
  }
  const form = jsmsForm.safeParse(Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))));
  if (!form.success) return BAD;
  const secret = deps.secret(req.accountId, 'masterSecret');
  if (!secret) return { status: 401 };
  const { nonce, timestamp, signature, type, data } = form.data;
  const expected = sha1(`appKey=${account.appKey}&appMasterSecret=${secret}&nonce=${nonce}&timestamp=${timestamp}`);
  if (!timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'))) return { status: 401 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return BAD;
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (type === 'SMS_REPORT') deps.reports(jsmsReportInputs(items, req.accountId, 'push'));
  else if (type === 'SMS_REPLY') deps.inbound(jsmsReplyInputs(items, req.accountId, 'push', deps.now()));
  else if (type === 'SMS_TEMPLATE' || type === 'SMS_SIGN') deps.reviews?.(req.accountId, jsmsReviewInputs(items, type === 'SMS_TEMPLATE' ? 'template' : 'sign'));
  return OK;
}

/** One pushed request → ingest. The account must exist and be of the path's kind. */
export function handlePush(req: PushRequest, deps: IntakeDeps): PushReply {
  const account = deps.account(req.accountId);
  const kind = req.source === 'box' ? 'gsmbox' : req.source;
  if (!account || account.kind !== kind) return { status: 404 };
  if (account.kind === 'eims') return eims(req, deps);
  if (account.kind === 'gsmbox') return box(req, deps);
  return jsms(req, deps, account);
}
