/**
 * JSMS template texts (read with GET /v1/templates/{id}): `{{name}}` placeholders that the parameters of
 * a template send fill. What a template SMS said is its template with its parameters in place.
 */

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The template with each `{{name}}` replaced by its parameter; a placeholder without one stays as it is. */
export function fillJsmsTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? (params[name] ?? '') : whole));
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
