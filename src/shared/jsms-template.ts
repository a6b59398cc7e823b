/**
 * JSMS template text (read with GET /v1/templates/{id}): `{{name}}` marks a parameter JSMS fills from
 * `temp_para` (the vendor's template API; names are letters, digits and `_`). What a template SMS said
 * is its template with its parameters in place; the app fills the same text to show what a recipient
 * reads — in Compose's live preview, the pre-send summary and the Templates screen.
 */

const PARAM = /\{\{\s*(\w+)\s*\}\}/g;

/** The parameter names a template uses, each once, in order of first appearance. */
export function jsmsTemplateParams(template: string): string[] {
  return [...new Set([...template.matchAll(PARAM)].map((m) => m[1]!))];
}

/** The template with each `{{name}}` replaced by its parameter; a placeholder without one stays as it is. */
export function fillJsmsTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(PARAM, (whole, name: string) => (Object.hasOwn(params, name) ? (params[name] ?? '') : whole));
}

/**
 * The template with its parameters filled, for a message still being written. A parameter without a
 * value (absent or empty — JSMS refuses those with 50022) stays as `{{name}}` and is listed in `missing`.
 */
export function fillJsmsTemplateDraft(template: string, params: Readonly<Record<string, string>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = template.replace(PARAM, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/** JSMS template types: 1 verification code, 2 notice, 3 marketing. */
export type JsmsTemplateType = 1 | 2 | 3;

/**
 * The app quota a template SMS draws from first (JSMS's "SMS margin" reply): codes and notices use the
 * industry quota, marketing SMS the marketing quota; either falls back to the all-type quota
 * (`app_balance`). Voice codes use `app_voice`.
 */
export type JsmsQuota = 'industry' | 'market' | 'voice';
export function quotaOfTemplateType(type: number): JsmsQuota {
  return type === 3 ? 'market' : 'industry';
}
