// The TypeScript declarations compile, and a score typed as a number is a type error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

test('TypeScript declarations type-check', () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  }
});

// The declarations against the JSON Schema generated from the engine's types (schemas/, see
// par_core::schema): a code or a problem's field added to the engine and not here fails.
test('the declared error codes and problem fields are the problems schema\'s', () => {
  const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
  const schema = JSON.parse(read('../../schemas/problems.schema.json'));
  const declarations = read('../js/index.d.ts');
  const union = declarations.match(/export type ErrorCode =([^;]*);/)[1];
  const declared = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
  assert.deepEqual(declared, schema.$defs.ErrorCode.oneOf.map((c) => c.const));
  const problem = declarations.match(/export interface Problem \{([^}]*)\}/)[1];
  const fields = [...problem.matchAll(/^\s*([a-z]+)\??:/gm)].map((m) => m[1]);
  assert.deepEqual(fields, Object.keys(schema.$defs.Problem.properties));
});
