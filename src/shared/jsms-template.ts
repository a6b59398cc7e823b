/**
 * JSMS template text: `{{name}}` marks a parameter JSMS fills from `temp_para` (the vendor's
 * template API; names are letters, digits and `_`). The app fills the same text to show what a
 * recipient reads — in Compose's live preview, the pre-send summary and the Templates screen.
 */

const PARAM = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The parameter names a template uses, each once, in order of first appearance. */
export function jsmsTemplateParams(template: string): string[] {
  return [...new Set([...template.matchAll(PARAM)].map((m) => m[1]!))];
}

/**
 * The template with its parameters filled. A parameter without a value (absent or empty — JSMS
 * refuses those with 50022) stays as `{{name}}` and is listed in `missing`.
 */
export function fillJsmsTemplate(template: string, params: Readonly<Record<string, string>>): { text: string; missing: string[] } {
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
