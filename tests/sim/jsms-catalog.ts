import { createHash } from 'node:crypto';
import { jsmsFail, type SimTemplate } from './jsms-rules.ts';
import type { SimReply, SimRequest } from './http-kit.ts';
import type { JsmsSimState, SimSign } from './jsms-types.ts';

/**
 * The JSMS simulator's template and signature APIs, as the vendor documents them: templates are JSON
 * (POST/PUT/GET/DELETE /v1/templates[/{id}]; only a rejected template may be changed, 50047; a code
 * template needs its ttl, 50041), signatures are multipart (POST /v1/sign with `sign` and pictures
 * image0…image3, POST /v1/sign/{id} to change one, GET and DELETE; 50101 bad picture, 50102 unknown
 * id, 50103 another signature still under review, 50104 bad text, 50105 a signature in use).
 * Reviews are the test's to decide (`review`), and JSMS's review callback (SMS_TEMPLATE / SMS_SIGN,
 * signed like every JSMS callback) can be pushed to a URL.
 */

type Route = { method: string; pattern: RegExp; run: (req: SimRequest, body: Record<string, unknown>, m: RegExpExecArray) => SimReply | Promise<SimReply> };

const PICTURES = ['image0', 'image1', 'image2', 'image3'];

export function createJsmsCatalog(state: JsmsSimState) {
  function checkTemplateBody(b: Record<string, unknown>): SimReply | null {
    if (typeof b.template !== 'string' || b.template === '') return jsmsFail(50042);
    if ([...b.template].length > 350) return jsmsFail(50043);
    if (![1, 2, 3].includes(Number(b.type))) return jsmsFail(50025);
    if (Number(b.type) === 1 || b.ttl !== undefined) {
      const ttl = Number(b.ttl);
      if (!Number.isInteger(ttl) || ttl <= 0 || ttl > 86_400) return jsmsFail(50041);
    }
    if (typeof b.remark === 'string' && [...b.remark].length > 500) return jsmsFail(50045);
    return null;
  }
  const templateFields = (b: Record<string, unknown>): Pick<SimTemplate, 'type' | 'template' | 'ttl' | 'remark'> => ({
    type: Number(b.type),
    template: String(b.template),
    ttl: b.ttl === undefined ? undefined : Number(b.ttl),
    remark: typeof b.remark === 'string' ? b.remark : '',
  });

  /** The multipart body of a signature call, or the error JSMS answers it with. */
  async function readSign(req: SimRequest): Promise<{ sign: string; pictures: SimSign['pictures'] } | SimReply> {
    const type = String(req.headers['content-type'] ?? '');
    if (!type.toLowerCase().startsWith('multipart/form-data')) return jsmsFail(50017);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.raw), { headers: { 'content-type': type } }).formData();
    } catch {
      return jsmsFail(50007);
    }
    const sign = form.get('sign');
    if (typeof sign !== 'string' || sign.trim() === '' || [...sign].length > 20) return jsmsFail(50104);
    const pictures: SimSign['pictures'] = [];
    for (const key of PICTURES) {
      const file = form.get(key);
      if (file === null) continue;
      if (typeof file === 'string' || !['image/jpeg', 'image/png'].includes(file.type)) return jsmsFail(50101);
      pictures.push({ field: key, name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
    }
    return { sign, pictures };
  }

  const routes: Route[] = [
    {
      method: 'POST', pattern: /^\/v1\/templates$/,
      run: (_req, b) => {
        const check = checkTemplateBody(b);
        if (check) return check;
        const id = Math.max(0, ...state.templates.keys()) + 1;
        state.templates.set(id, { id, status: 0, ...templateFields(b) });
        return { status: 200, body: { temp_id: id } };
      },
    },
    {
      method: 'PUT', pattern: /^\/v1\/templates\/(\d+)$/,
      run: (_req, b, m) => {
        const t = state.templates.get(Number(m[1]));
        if (!t) return jsmsFail(50013);
        if (t.status !== 2) return jsmsFail(50047);
        const check = checkTemplateBody(b);
        if (check) return check;
        Object.assign(t, templateFields(b), { status: 0 });
        return { status: 200, body: { temp_id: t.id } };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\/templates\/(\d+)$/,
      run: (_req, _b, m) => {
        const t = state.templates.get(Number(m[1]));
        if (!t) return jsmsFail(50013);
        return { status: 200, body: { temp_id: t.id, template: t.template, type: t.type, ttl: t.ttl ?? 0, remark: t.remark ?? '', status: t.status } };
      },
    },
    {
      method: 'DELETE', pattern: /^\/v1\/templates\/(\d+)$/,
      run: (_req, _b, m) => (state.templates.delete(Number(m[1])) ? { status: 200 } : jsmsFail(50013)),
    },
    {
      method: 'POST', pattern: /^\/v1\/sign$/,
      run: async (req) => {
        const read = await readSign(req);
        if ('status' in read) return read;
        if ([...state.signs.values()].some((s) => s.status === 0)) return jsmsFail(50103);
        const id = Math.max(100, ...state.signs.keys()) + 1;
        state.signs.set(id, { id, sign: read.sign, status: 0, useStatus: 0, pictures: read.pictures });
        return { status: 200, body: { sign_id: id } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/sign\/(\d+)$/,
      run: async (req, _b, m) => {
        const s = state.signs.get(Number(m[1]));
        if (!s) return jsmsFail(50102);
        const read = await readSign(req);
        if ('status' in read) return read;
        Object.assign(s, { sign: read.sign, pictures: read.pictures, status: 0 });
        return { status: 200, body: { sign_id: s.id } };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\/sign\/(\d+)$/,
      run: (_req, _b, m) => {
        const s = state.signs.get(Number(m[1]));
        return s ? { status: 200, body: { sign_id: s.id, sign: s.sign, status: s.status, use_status: s.useStatus } } : jsmsFail(50102);
      },
    },
    {
      method: 'DELETE', pattern: /^\/v1\/sign\/(\d+)$/,
      run: (_req, _b, m) => {
        const s = state.signs.get(Number(m[1]));
        if (!s) return jsmsFail(50102);
        if (s.useStatus === 1) return jsmsFail(50105);
        state.signs.delete(s.id);
        return { status: 200 };
      },
    },
  ];

  /**
   * Decides a review (1 passed, 2 rejected with `reason`) and, given a callback URL, pushes it there as
   * JSMS does (form POST: nonce, timestamp, signature = sha1 of appKey/appMasterSecret/nonce/timestamp,
   * type, data). Resolves with the callback's HTTP status (or null without a URL).
   */
  async function review(what: 'template' | 'sign', id: number, status: 1 | 2, reason: string | null, callbackUrl?: string): Promise<number | null> {
    const item = what === 'template' ? state.templates.get(id) : state.signs.get(id);
    if (!item) throw new Error(`no ${what} ${id} in the simulator`);
    item.status = status;
    if (!callbackUrl) return null;
    const nonce = String(Math.floor(Math.random() * 1e15));
    const timestamp = String(Date.now());
    const signature = createHash('sha1').update(`appKey=${state.appKey}&appMasterSecret=${state.masterSecret}&nonce=${nonce}&timestamp=${timestamp}`).digest('hex');
    const data = JSON.stringify(what === 'template' ? { tempId: id, status, refuseReason: reason } : { signId: id, status, refuseReason: reason });
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ nonce, timestamp, signature, type: what === 'template' ? 'SMS_TEMPLATE' : 'SMS_SIGN', data }).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }

  return { routes, review };
}
