import { describe, expect, it } from 'vitest';
import { NAMESPACES, resources } from '../../src/renderer/src/i18n/index.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it.each(NAMESPACES)('Chinese has exactly the English keys in %s', (ns) => {
    expect(keysOf(resources.zh[ns]).sort()).toEqual(keysOf(resources.en[ns]).sort());
  });

  it('has no empty strings', () => {
    const leaves = (value: unknown, path: string): Array<[string, unknown]> =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}/${k}`))
        : [[path, value]];
    const empty = (['en', 'zh'] as const)
      .flatMap((lang) => NAMESPACES.flatMap((ns) => leaves(resources[lang][ns], `${lang}/${ns}`)))
      .filter(([, value]) => value === '')
      .map(([path]) => path);
    expect(empty).toEqual([]);
  });
});
