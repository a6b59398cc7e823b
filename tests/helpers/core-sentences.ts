/**
 * Finds every sentence the core can show to people, straight from its source with the TypeScript
 * parser, as keys like the renderer's `core` translations: a template literal's `${…}` parts become
 * `{{0}}`, `{{1}}`, … in order (the translations name them `{{n0}}`, `{{t1}}`, `{{p2}}` by what the
 * value is — `canonicalKey` drops that letter); both arms of a `?:` or `??` count; a part that is itself
 * a literal or a `?:` of literals is a sentence too. Single lower-case words are codes, not sentences.
 *
 * Where sentences are found:
 * - an argument of the calls in SENTENCE_ARGUMENT (errors, warnings, history and run details, reasons
 *   and field labels handed to a helper);
 * - a property, an assignment to a property, or a local named in SENTENCE_NAMES (`message: …`,
 *   `out.reason = …`, `const detail = …`), and the elements of a `warnings: [...]` list;
 * - a field error (`fields: {…}`);
 * - what a function named `…Sentence` or `…Phrase` returns (or keeps in a local on the way);
 * - a constant named `…_MESSAGE`;
 * - the request name (a literal with a space) among the arguments of a provider client's `call(…)`;
 * - the label of a balance line (`balances.push({ label: … })`, `const balances = [{ label: … }]`).
 */
import { globSync, readFileSync } from 'node:fs';
import ts from 'typescript';

/** Call or constructor name → index of the argument that is a sentence (or a phrase put in one). */
export const SENTENCE_ARGUMENT: Readonly<Record<string, number>> = {
  AppError: 1,
  ProviderError: 1,
  contactsError: 1,
  limitError: 2,
  inputError: 1,
  missingSecretError: 1,
  fail: 1,
  'warnings.push': 0,
  'balances.push': 0,
  // History rows and schedule runs: the detail column of the insert.
  'this.stmts.event.run': 4,
  's.event.run': 4,
  'this.stmts.events.run': 3,
  'repo.insertRun': 5,
  fire: 3,
  // Phrases that helpers put into a sentence.
  damaged: 0,
  unsupported: 0,
  range: 4,
};

/** Properties, assigned properties and locals whose value is a sentence or a phrase put in one. */
const SENTENCE_NAMES = new Set(['message', 'warning', 'detail', 'note', 'problem', 'summary', 'reason', 'what', 'todo', 'balances']);

export interface FoundSentence {
  key: string;
  file: string;
  line: number;
}

export interface SentenceScan {
  sentences: FoundSentence[];
  /** Sentence positions whose value is built in a way this scan cannot read (e.g. `a + b`). */
  unreadable: FoundSentence[];
  /** How many times each SENTENCE_ARGUMENT call was found: a renamed call shows as 0. */
  argumentHits: Record<string, number>;
}

/** The key without the kind of each value: `{{n0}}`, `{{t0}}` and `{{p0}}` all become `{{0}}`. */
export function canonicalKey(key: string): string {
  return key.replace(/\{\{[ntp]?(\d+)\}\}/g, '{{$1}}');
}

const isCode = (text: string) => /^[a-z][a-z_-]*$/.test(text);

export function scanCoreSentences(root: string): SentenceScan {
  const sentences: FoundSentence[] = [];
  const unreadable: FoundSentence[] = [];
  const argumentHits: Record<string, number> = Object.fromEntries(Object.keys(SENTENCE_ARGUMENT).map((k) => [k, 0]));
  for (const file of globSync('src/{main/core,shared}/**/*.ts', { cwd: root })) {
    const source = ts.createSourceFile(file, readFileSync(`${root}/${file}`, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node) => ({ file, line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1 });
    const read = (n: ts.Node, strict: boolean): void => {
      if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n)) return read(n.expression, strict);
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (n.text.trim() !== '' && !isCode(n.text)) sentences.push({ key: n.text, ...at(n) });
        return;
      }
      if (ts.isTemplateExpression(n)) {
        let key = n.head.text;
        n.templateSpans.forEach((span, i) => {
          key += `{{${i}}}${span.literal.text}`;
          read(span.expression, false);
        });
        sentences.push({ key, ...at(n) });
        return;
      }
      if (ts.isConditionalExpression(n)) {
        read(n.whenTrue, strict);
        read(n.whenFalse, strict);
        return;
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
        read(n.left, false);
        read(n.right, strict);
        return;
      }
      if (ts.isArrayLiteralExpression(n)) {
        for (const e of n.elements) read(e, strict);
        return;
      }
      // A balance line: its label is shown (`balances.push({ label: 'Gift balance', … })`).
      if (ts.isObjectLiteralExpression(n)) {
        for (const p of n.properties) if (ts.isPropertyAssignment(p) && named(p.name) === 'label') read(p.initializer, strict);
        return;
      }
      if (strict && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) unreadable.push({ key: n.getText(), ...at(n) });
      // Anything else (a variable, a call, a property) is a value worked out at run time.
    };
    const named = (name: ts.Node) => (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : '');
    const visit = (n: ts.Node, inSentenceFunction = false): void => {
      if (inSentenceFunction && ts.isReturnStatement(n) && n.expression) read(n.expression, true);
      if (ts.isVariableDeclaration(n) && n.initializer) {
        const name = named(n.name);
        if (inSentenceFunction || SENTENCE_NAMES.has(name) || name.endsWith('_MESSAGE')) read(n.initializer, true);
      }
      if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.arguments) {
        const callee = n.expression.getText();
        const index = SENTENCE_ARGUMENT[callee];
        if (index !== undefined) {
          argumentHits[callee]! += 1;
          const arg = n.arguments[index];
          if (arg) read(arg, true);
        }
        if (callee === 'call') for (const a of n.arguments) if (ts.isStringLiteral(a) && a.text.includes(' ')) read(a, true);
      }
      if (ts.isPropertyAssignment(n)) {
        const name = named(n.name);
        if (SENTENCE_NAMES.has(name) || (name === 'warnings' && ts.isArrayLiteralExpression(n.initializer))) read(n.initializer, true);
        if (name === 'fields' && ts.isObjectLiteralExpression(n.initializer)) {
          for (const p of n.initializer.properties) if (ts.isPropertyAssignment(p)) read(p.initializer, true);
        }
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && SENTENCE_NAMES.has(n.left.name.text)) {
        read(n.right, true);
      }
      const opens = ts.isFunctionDeclaration(n) && /(Sentence|Phrase)$/.test(n.name?.text ?? '');
      ts.forEachChild(n, (child) => visit(child, opens || (inSentenceFunction && !ts.isFunctionLike(n))));
    };
    visit(source);
  }
  return { sentences, unreadable, argumentHits };
}
