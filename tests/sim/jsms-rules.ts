import type { SimReply } from './http-kit.ts';

/** JSMS error codes as the simulator answers them: HTTP status + `{error:{code,message}}`. */

export interface SimTemplate {
  id: number;
  /** 1 verification code, 2 notice, 3 marketing. */
  type: number;
  template: string;
  /** 0 reviewing, 1 passed, 2 rejected. */
  status: number;
  ttl?: number | undefined;
  remark?: string;
}

export const JSMS_MESSAGES: Record<number, string> = {
  50001: 'missing auth', 50002: 'auth failed', 50003: 'missing body', 50004: 'missing mobile',
  50005: 'missing temp_id', 50006: 'invalid mobile', 50007: 'invalid body', 50008: 'no sms code auth',
  50009: 'out of freq', 50010: 'invalid code', 50011: 'expired code', 50012: 'verified code',
  50013: 'invalid temp_id', 50014: 'no money', 50015: 'missing code', 50016: 'api not found',
  50017: 'media not supported', 50018: 'request method not support', 50019: 'server error',
  50020: 'template auditing', 50021: 'template not pass', 50022: 'parameters not all replaced',
  50023: 'parameters is empty', 50024: 'unsubscribed mobile', 50025: 'wrong template type',
  50026: 'wrong msg_id', 50027: 'invalid send_time', 50028: 'invalid schedule_id',
  50029: 'wrong schedule status', 50030: 'recipients is empty', 50031: 'too much recipients',
  50033: 'app quota not assigned', 50034: 'repeat send', 50035: 'illegal IP', 50036: 'app in black',
  50037: 'has black word', 50038: 'invalid code length', 50039: 'invalid code type',
  50040: 'invalid voice language type', 50041: 'invalid ttl value', 50042: 'template is empty',
  50043: 'template too long', 50044: 'template parameter invalid', 50045: 'remark too long',
  50046: 'signature not set', 50047: 'modify template not allow',
  50101: 'invalid image', 50102: 'invalid sign id', 50103: 'other signatures in the audit', 50104: 'invalid signature',
  50105: 'the signature in use cannot be deleted',
};

export const JSMS_HTTP_STATUS: Record<number, number> = {
  50001: 400, 50002: 401, 50003: 400, 50004: 400, 50005: 400, 50015: 400,
  50016: 404, 50017: 415, 50018: 405, 50019: 500,
};

export function jsmsFail(code: number): SimReply {
  return { status: JSMS_HTTP_STATUS[code] ?? 403, body: { error: { code, message: JSMS_MESSAGES[code] ?? 'error' } } };
}

/** Fills {{name}} placeholders; null when one is left unfilled (50022). */
export function renderTemplate(template: string, para: unknown): string | null {
  const values = para !== null && typeof para === 'object' ? (para as Record<string, unknown>) : {};
  let missing = false;
  const out = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      missing = true;
      return '';
    }
    return String(v);
  });
  return missing ? null : out;
}
