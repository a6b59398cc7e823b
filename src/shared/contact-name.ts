/**
 * A contact's name, read from the variables a list gave it ({name}, {姓名}, …): the screens show it
 * beside the number. The first variable, in this order of names, that holds some text wins.
 */

/** Variable names that hold a person's name, compared without case, spaces, `_` and `-`. */
const NAME_VARIABLES = ['name', '姓名', '名字', 'fullname', 'contactname', 'customername', '客户姓名', '客户名称', '联系人', '称呼', 'firstname', '名'];

const squash = (key: string) => key.toLowerCase().replace(/[\s_-]+/g, '');

export function contactNameOf(vars: Readonly<Record<string, unknown>>): string | null {
  const byName = new Map<string, string>();
  for (const [key, value] of Object.entries(vars)) {
    const k = squash(key);
    if (typeof value === 'string' && value.trim() !== '' && !byName.has(k)) byName.set(k, value.trim());
  }
  for (const name of NAME_VARIABLES) {
    const v = byName.get(name);
    if (v !== undefined) return v.length > 60 ? `${v.slice(0, 59)}…` : v;
  }
  return null;
}
