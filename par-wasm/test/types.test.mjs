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

// The declarations against the JSON Schemas generated from the engine's types (schemas/, see
// par_core::schema): a field, a code or a source added to the engine and not here fails.
const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const declarations = read('../js/index.d.ts');
const schemas = Object.fromEntries(
  ['methodology', 'assessments', 'results', 'problems'].map((name) => [
    name,
    JSON.parse(read(`../../schemas/${name}.schema.json`)),
  ]),
);

/** The fields an interface of index.d.ts declares, and whether it takes any other; for each
 * field, whether it is optional (`?`) and whether it may be null. */
function declaredFields(name) {
  const body = declarations.match(new RegExp(`export interface ${name}(?: extends [^{]+)? \\{\\n([\\s\\S]*?)\\n\\}`));
  assert.ok(body, `index.d.ts declares ${name}`);
  const declared = [...body[1].matchAll(/^ {2}(?:readonly )?'?([A-Za-z_]+)'?(\??): ([^;]*);/gm)];
  const fields = declared.map((m) => m[1]);
  const optional = Object.fromEntries(declared.map((m) => [m[1], m[2] === '?']));
  const nullable = Object.fromEntries(declared.map((m) => [m[1], /\bnull\b/.test(m[3])]));
  return { fields, optional, nullable, open: body[1].includes('[field: string]: unknown') };
}

/** The names of a string-literal union of index.d.ts. */
function declaredUnion(name) {
  const union = declarations.match(new RegExp(`export type ${name} =([^;]*);`))[1];
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

test('the declared documents have the fields of the documents\' schemas', () => {
  // [interface in index.d.ts, schema, definition in it (the document itself when absent)]
  const pairs = [
    ['MethodologyDocument', 'methodology'],
    ['MethodologyNode', 'methodology', 'NodeDef'],
    ['RuleBand', 'methodology', 'RuleBand'],
    ['Band', 'methodology', 'Band'],
    ['Assessments', 'assessments'],
    ['UnitAssessment', 'assessments', 'UnitAssessment'],
    ['Entry', 'assessments', 'Entry'],
    ['Appraisal', 'assessments', 'Appraisal'],
    ['Results', 'results'],
    ['UnitResult', 'results', 'UnitResult'],
    ['NodeResult', 'results', 'NodeResult'],
    ['AppraisalRecord', 'results', 'AppraisalResult'],
    ['ComponentResult', 'results', 'ComponentResult'],
    ['BlockStatistics', 'results', 'BlockStatistics'],
    ['Warning', 'results', 'Warning'],
    ['TreeEntry', 'results', 'TreeEntry'],
    ['Problem', 'problems', 'Problem'],
  ];
  for (const [name, schema, definition] of pairs) {
    const described = definition ? schemas[schema].$defs[definition] : schemas[schema];
    const known = Object.keys(described.properties).sort();
    const { fields, optional, nullable, open } = declaredFields(name);
    // A field the schema does not require may be left out: the declaration must say so (`?`,
    // or `| null` where the engine always writes it, as null when there is nothing), and a
    // field the schema requires is not optional.
    const required = new Set(described.required ?? []);
    for (const field of fields.filter((f) => known.includes(f))) {
      const mayLack = optional[field] || nullable[field];
      assert.ok(required.has(field) ? !optional[field] : mayLack, `${name}.${field}`);
    }
    if (open) {
      // A document declared in part: what it declares, the schema has.
      assert.deepEqual(fields.filter((f) => !known.includes(f)), [], name);
    } else {
      assert.deepEqual([...fields].sort(), known, name);
    }
  }
});

test('the declared error codes and sources are the schemas\'', () => {
  const consts = (schema, definition) => schemas[schema].$defs[definition].oneOf.map((c) => c.const);
  assert.deepEqual(declaredUnion('ErrorCode'), consts('problems', 'ErrorCode'));
  assert.deepEqual(declaredUnion('Source').sort(), consts('results', 'Source').sort());
});

test('the package holds the documents\' schemas as the repository does', () => {
  for (const name of Object.keys(schemas)) {
    const shipped = fileURLToPath(import.meta.resolve(`parindex/schemas/${name}.schema.json`));
    assert.deepEqual(JSON.parse(readFileSync(shipped, 'utf8')), schemas[name], name);
  }
});
