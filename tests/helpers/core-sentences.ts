/**
 * Finds every sentence the core can show to people, straight from its source with the TypeScript
 * parser, as the keys the renderer's `core` translations use: a template literal's `${…}` parts
 * become `{{p0}}`, `{{p1}}`, … in order; both arms of a `?:` or `??` count; a part that is itself a
 * literal or a `?:` of literals is a sentence too.
 *
 * Where sentences go: the message of an error (`new AppError(code, message)` and the provider and
 * contacts helpers), a warning (`warnings.push(…)`, `warning: …`), a field error (`fields: {…}`), the
 * detail of a history event or schedule run (`detail: …`, or the detail argument of their inserts), a
 * local named like one of those properties (`const detail = …`), and what a function named `…Sentence`
 * returns (or keeps in a local on the way).
 */
import { globSync, readFileSync } from 'node:fs';
import ts from 'typescript';

/** Call or constructor name → index of the argument that is the sentence. */
const SENTENCE_ARGUMENT: Readonly<Record<string, number>> = {
  AppError: 1,
  ProviderError: 1,
  contactsError: 1,
  limitError: 2,
  inputError: 1,
  fail: 1,
  'warnings.push': 0,
  // History rows and schedule runs: the detail column of the insert.
  'this.stmts.event.run': 4,
  's.event.run': 4,
  'this.stmts.events.run': 3,
  'repo.insertRun': 5,
  fire: 3,
};

/** Object properties whose value is a sentence. */
const SENTENCE_PROPERTY = new Set(['message', 'warning', 'detail', 'note', 'problem', 'summary', 'reason']);

export interface FoundSentence {
  key: string;
  file: string;
  line: number;
}

export interface SentenceScan {
  sentences: FoundSentence[];
  /** Sentence positions whose value is built in a way this scan cannot read (e.g. `a + b`). */
  unreadable: FoundSentence[];
}

export function scanCoreSentences(root: string): SentenceScan {
  const sentences: FoundSentence[] = [];
  const unreadable: FoundSentence[] = [];
  for (const file of globSync('src/{main/core,shared}/**/*.ts', { cwd: root })) {
    const source = ts.createSourceFile(file, readFileSync(`${root}/${file}`, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node) => ({ file, line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1 });
    const read = (n: ts.Node, strict: boolean): void => {
      if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n)) return read(n.expression, strict);
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (n.text.trim() !== '') sentences.push({ key: n.text, ...at(n) });
        return;
      }
      if (ts.isTemplateExpression(n)) {
        let key = n.head.text;
        n.templateSpans.forEach((span, i) => {
          key += `{{p${i}}}${span.literal.text}`;
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
      if (strict && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) unreadable.push({ key: n.getText(), ...at(n) });
      // Anything else (a variable, a call, a property) is a value worked out at run time.
    };
    const visit = (n: ts.Node, inSentenceFunction = false): void => {
      if (inSentenceFunction && ts.isReturnStatement(n) && n.expression) read(n.expression, true);
      if (ts.isVariableDeclaration(n) && n.initializer && (inSentenceFunction || (ts.isIdentifier(n.name) && SENTENCE_PROPERTY.has(n.name.text)))) read(n.initializer, true);
      if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.arguments) {
        const index = SENTENCE_ARGUMENT[n.expression.getText()];
        const arg = index === undefined ? undefined : n.arguments[index];
        if (arg) read(arg, true);
      }
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name)) {
        if (SENTENCE_PROPERTY.has(n.name.text)) read(n.initializer, true);
        if (n.name.text === 'fields' && ts.isObjectLiteralExpression(n.initializer)) {
          for (const p of n.initializer.properties) if (ts.isPropertyAssignment(p)) read(p.initializer, true);
        }
      }
      const names = ts.isFunctionDeclaration(n) && n.name?.text.endsWith('Sentence');
      ts.forEachChild(n, (child) => visit(child, names || (inSentenceFunction && !ts.isFunctionLike(n))));
    };
    visit(source);
  }
  return { sentences, unreadable };
}
