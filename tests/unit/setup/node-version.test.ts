/** The Node version every entry point asks for is package.json's "engines", said in one sentence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_NODE, nodeVersionProblem } from '../../../scripts/node-version.mjs';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { engines: { node: string } };

describe('supported Node version', () => {
  it('is package.json’s engines range', () => {
    expect(SUPPORTED_NODE.range).toBe(pkg.engines.node);
    expect(pkg.engines.node).toBe(`>=${SUPPORTED_NODE.from} <${SUPPORTED_NODE.below}`);
  });

  it('accepts every Node 24 and refuses the others, naming the version needed and the one running', () => {
    expect(nodeVersionProblem('npm start', '24.0.0')).toBeNull();
    expect(nodeVersionProblem('npm start', '24.21.0')).toBeNull();
    const old = nodeVersionProblem('scripts/headless.mjs', '20.20.2');
    expect(old).toBe(
      'scripts/headless.mjs needs Node.js 24 (package.json engines: >=24 <25) but this is Node.js 20.20.2: run it through npm (npm start, npm run headless), which uses the Node.js 24 installed with the project, or install Node.js 24.',
    );
    expect(nodeVersionProblem('x', '22.18.0')).toContain('this is Node.js 22.18.0');
    expect(nodeVersionProblem('x', '25.0.0')).toContain('needs Node.js 24');
  });

  it('checks the Node it runs on by default (the tests run on a supported one)', () => {
    expect(nodeVersionProblem('vitest')).toBeNull();
  });
});
