import type { z } from 'zod';
import { ProviderError, cleanProviderText } from '../errors.ts';
import { badShape, httpStatusError, type HttpCall, type Transport } from '../http.ts';
import { describeJsmsCode, jsmsErrorCode, jsmsSentence } from './error-codes.ts';
import { jsmsErrorReply } from './schemas.ts';

/** Turns a JSMS error body into a ProviderError (the provider answered: nothing was done). */
export function jsmsError(code: number, message: string | undefined, secrets: readonly (string | undefined)[]): ProviderError {
  const info = describeJsmsCode(code);
  const text = message === undefined ? undefined : cleanProviderText(message, secrets);
  return new ProviderError(jsmsErrorCode(code), jsmsSentence(code, text), {
    kind: info.kind,
    outcome: 'not-sent',
    provider: 'jsms',
    providerCode: code,
  });
}

export interface JsmsCallOptions<S extends z.ZodType> {
  transport: Transport;
  call: HttpCall;
  schema: S | null;
  what: string;
  /** Whether the call changes state at JSMS (a send): decides the outcome of unreadable replies. */
  mutating: boolean;
  secrets: readonly (string | undefined)[];
}

/** One JSMS call: HTTP, then the error envelope, then the documented success shape. */
export async function jsmsCall<S extends z.ZodType>(opts: JsmsCallOptions<S>): Promise<z.output<S>> {
  const reply = await opts.transport.call(opts.call);
  // `{is_valid:false, error:{...}}` is an answer of the code check, not a failure.
  const isVerdict = typeof reply.body === 'object' && reply.body !== null && 'is_valid' in reply.body;
  const err = jsmsErrorReply.safeParse(reply.body);
  if (err.success && !isVerdict) throw jsmsError(err.data.error.code, err.data.error.message, opts.secrets);
  const ok = reply.status >= 200 && reply.status < 300;
  if (!ok) {
    if (reply.status === 401) {
      throw new ProviderError('JSMS_50002', jsmsSentence(50002), { kind: 'auth', outcome: 'not-sent', provider: 'jsms', providerCode: reply.status });
    }
    throw httpStatusError('jsms', reply.status, opts.what, opts.mutating);
  }
  if (opts.schema === null) return undefined as z.output<S>;
  const parsed = opts.schema.safeParse(reply.body);
  if (!parsed.success) throw badShape('jsms', opts.transport.host, opts.what, opts.mutating ? 'unknown' : 'not-sent');
  return parsed.data;
}
