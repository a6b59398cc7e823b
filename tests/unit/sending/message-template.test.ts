import { describe, it, expect } from 'vitest';
import { compileTemplate, renderTemplate, templatePlaceholders, templateVariables, variablesWithoutDefault, withDefault } from '../../../src/shared/message-template.ts';

describe('templateVariables', () => {
  it('lists Chinese and Latin names once, in order of first appearance', () => {
    expect(templateVariables('{姓名}您好，{company}提醒：{姓名}的验证码是{code}')).toEqual([
      '姓名',
      'company',
      'code',
    ]);
  });

  it('trims names and treats blank braces as text', () => {
    expect(templateVariables('{ name }, { }, {\t}')).toEqual(['name']);
  });

  it('ignores escaped braces', () => {
    expect(templateVariables('{{name}} and {{x}')).toEqual([]);
  });

  it('ignores unclosed, nested, multi-line and over-long braces', () => {
    expect(templateVariables('price {amount')).toEqual([]);
    expect(templateVariables('{a{b}')).toEqual(['b']);
    expect(templateVariables('{line\nbreak}')).toEqual([]);
    expect(templateVariables(`{${'x'.repeat(64)}}`)).toEqual(['x'.repeat(64)]);
    expect(templateVariables(`{${'x'.repeat(65)}}`)).toEqual([]);
  });

  it('returns nothing for plain text', () => {
    expect(templateVariables('no placeholders here')).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills Chinese variable names', () => {
    expect(renderTemplate('{姓名}您好，您的验证码是{验证码}。', { 姓名: '张三', 验证码: '4821' })).toEqual({
      text: '张三您好，您的验证码是4821。',
      missing: [],
      defaulted: [],
    });
  });

  it('fills every occurrence of a repeated variable', () => {
    expect(renderTemplate('{n}-{n}-{ n }', { n: '7' }).text).toBe('7-7-7');
  });

  it('renders missing variables as empty and lists each once', () => {
    expect(renderTemplate('Hi {name}, code {code}, bye {name}', { code: '1' })).toEqual({
      text: 'Hi , code 1, bye ',
      missing: ['name'],
      defaulted: [],
    });
  });

  it('prefers an exact key and falls back to a case-insensitive one', () => {
    expect(renderTemplate('{Name}', { name: 'lower', Name: 'exact' }).text).toBe('exact');
    expect(renderTemplate('{NAME}', { name: 'lower' })).toEqual({ text: 'lower', missing: [], defaulted: [] });
  });

  it('turns {{ and }} into literal braces', () => {
    expect(renderTemplate('{{name}} is {name}', { name: 'Ann' }).text).toBe('{name} is Ann');
    expect(renderTemplate('{{{name}}}', { name: 'Ann' }).text).toBe('{Ann}');
    expect(renderTemplate('a }} b {{ c', {}).text).toBe('a } b { c');
  });

  it('keeps unclosed and stray braces as text', () => {
    expect(renderTemplate('cost {amount', { amount: '5' })).toEqual({ text: 'cost {amount', missing: [], defaulted: [] });
    expect(renderTemplate('a } b', {}).text).toBe('a } b');
    expect(renderTemplate('{a{b}', { b: 'B' }).text).toBe('{aB');
  });

  it('inserts values verbatim without re-expanding them', () => {
    expect(renderTemplate('{x}', { x: '{y}', y: 'no' })).toEqual({ text: '{y}', missing: [], defaulted: [] });
  });

  it('does not resolve inherited object properties', () => {
    expect(renderTemplate('{toString}', {})).toEqual({ text: '', missing: ['toString'], defaulted: [] });
  });

  it('renders a compiled template for many recipients without carrying one into the next', () => {
    const render = compileTemplate('{姓名}，{city} {{x}}');
    expect(render({ 姓名: '王', city: '成都' })).toEqual({ text: '王，成都 {x}', missing: [], defaulted: [] });
    expect(render({ 姓名: '李' })).toEqual({ text: '李， {x}', missing: ['city'], defaulted: [] });
    expect(render({ CITY: '广州' })).toEqual({ text: '，广州 {x}', missing: ['姓名'], defaulted: [] });
    const fixed = compileTemplate('No variables {{here}}');
    expect(fixed({ here: 'x' })).toEqual({ text: 'No variables {here}', missing: [], defaulted: [] });
    expect(fixed({})).toEqual(renderTemplate('No variables {{here}}', {}));
  });
});

describe('defaults: {name|客户}', () => {
  it('uses the default where the value is absent or blank, and lists nothing as missing', () => {
    const render = compileTemplate('您好{name|客户}，{ city | 本地 }见');
    expect(render({ name: '王', city: '成都' })).toEqual({ text: '您好王，成都见', missing: [], defaulted: [] });
    expect(render({})).toEqual({ text: '您好客户，本地见', missing: [], defaulted: ['name', 'city'] });
    expect(render({ name: '  ', CITY: '' })).toEqual({ text: '您好客户，本地见', missing: [], defaulted: ['name', 'city'] });
  });

  it('a placeholder without a default still counts a blank value as missing', () => {
    expect(renderTemplate('Hi {name}', { name: ' ' })).toEqual({ text: 'Hi  ', missing: ['name'], defaulted: [] });
    expect(renderTemplate('Hi {name|}!', {})).toEqual({ text: 'Hi !', missing: [], defaulted: ['name'] });
  });

  it('names the variable by what comes before the bar', () => {
    expect(templateVariables('{name|客户} {name} {x|a|b}')).toEqual(['name', 'x']);
    expect(templatePlaceholders('{name|客户} {name} {x|a|b}')).toEqual([{ name: 'name', fallback: '客户' }, { name: 'name' }, { name: 'x', fallback: 'a|b' }]);
    expect(variablesWithoutDefault('{name|客户} {Name} {x|y} {z}')).toEqual(['Name', 'z']);
    expect(templateVariables('{|客户}')).toEqual([]);
  });

  it('withDefault gives every default-less use of the name the default and leaves the rest as written', () => {
    expect(withDefault('Hi {name}, {NAME}! {{name}} {name|x} {other}', 'name', '客户')).toBe('Hi {name|客户}, {NAME|客户}! {{name}} {name|x} {other}');
    expect(withDefault('{ name }', 'name', ' a{b}|c ')).toBe('{name|abc}');
    const text = withDefault('您好{姓名}', '姓名', '客户');
    expect(renderTemplate(text, {})).toEqual({ text: '您好客户', missing: [], defaulted: ['姓名'] });
  });
});
