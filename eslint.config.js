// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `npm run lint`: the TypeScript checks the compiler does not make (promises nobody awaits,
 * async callbacks where a void one is expected, unused names) and the project's layer rules:
 * imports point down the layers, workflows stay deterministic, Cypher lives in graph/.
 * test/lint/layer-rules.test.ts proves each layer rule reports what it should.
 */

/**
 * What each folder of ours may import of ours (anything else of ours is refused). `types:` may
 * be imported with `import type` only. cli/ and api/ may import any of ours; bench/ and test/
 * may import anything.
 */
const mayImport = {
  model: [],
  graph: ['model'],
  expectations: ['model'],
  activities: ['model', 'graph', 'expectations'],
  workflows: ['model', 'expectations', { types: 'activities' }],
  runtime: ['model', 'graph', 'expectations', 'activities', 'workflows', 'infra'],
  infra: [],
  examples: ['model'],
  web: ['model'], // the live view's page: runs in the browser, talks to the API over HTTP; pure model/ code only
};

/** Our top-level folders of shipped code, then everything of ours a relative import can reach. */
const layers = [...Object.keys(mayImport), 'cli', 'api'];
const ours = [...layers, 'bench', 'test'];

/** A relative import that climbs out of its folder into `folder/` (e.g. `../graph/driver.js`). */
const into = (/** @type {string[]} */ folders) => `^(\\.\\./)+(${folders.join('|')})/`;

const driverOutsideGraph = {
  regex: '^neo4j-driver(/|$)',
  caseSensitive: true,
  message: 'neo4j-driver is used only in graph/ (and the wiring in runtime/, bench/, test/).',
};

/** Code a workflow must not load: it runs in Temporal's deterministic sandbox and replays. */
const workflowSandbox = [
  {
    regex: `^(node:.*|(${builtinModules.filter((name) => !name.startsWith('node:')).join('|')})(/.*)?)$`,
    caseSensitive: true,
    message: 'workflows/ runs in the deterministic sandbox: no Node built-ins (do the I/O in an activity).',
  },
  {
    regex: '^(fastify|@fastify/[^/]+|testcontainers|@temporalio/(client|worker|activity|testing))(/|$)',
    caseSensitive: true,
    message: 'workflows/ runs in the deterministic sandbox: no I/O libraries (do the I/O in an activity).',
  },
];

/** One `no-restricted-imports` per folder (a later config object would replace, not add to, an earlier one). */
function layerRule(/** @type {keyof typeof mayImport} */ folder) {
  const allowed = mayImport[folder].map((entry) => (typeof entry === 'string' ? entry : entry.types));
  const typesOnly = mayImport[folder].flatMap((entry) => (typeof entry === 'string' ? [] : [entry.types]));
  const refused = ours.filter((other) => other !== folder && !allowed.includes(other));
  const allowedText = allowed.length ? allowed.map((name) => `${name}/`).join(', ') : 'nothing of ours';
  const patterns = [
    {
      regex: into(refused),
      caseSensitive: true,
      message: `${folder}/ may import only ${allowedText} (imports point down the layers).`,
    },
    ...typesOnly.map((types) => ({
      regex: into([types]),
      caseSensitive: true,
      allowTypeImports: true,
      message: `${folder}/ may import only types from ${types}/ (import type).`,
    })),
    ...(folder === 'graph' ? [] : [{ ...driverOutsideGraph, allowTypeImports: folder === 'runtime' }]),
    ...(folder === 'workflows' ? workflowSandbox : []),
  ];
  return {
    name: `diffo/layers/${folder}`,
    files: [`${folder}/**/*.{ts,js}`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

/** Cypher keywords, upper case as our queries write them, in a string or template outside graph/. */
const cypher = '/\\b(MATCH|MERGE|CREATE|RETURN|DETACH DELETE)\\b/';
const cypherMessage = 'Cypher text belongs in graph/ (the only layer that talks to Neo4j).';

export default defineConfig(
  globalIgnores(['.tools/', '.data/', 'dist/', 'coverage/', 'infra/neo4j/target/', '**/vendor/', '**/official/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'diffo/typescript',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { kind: _kind, ...rest } = body` leaves out what `rest` must not carry
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies and driver records as `any` and let expect() check their shape.
    name: 'diffo/tests',
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    name: 'diffo/browser',
    files: ['web/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'diffo/plain-javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  ...Object.keys(mayImport).map((folder) => layerRule(/** @type {keyof typeof mayImport} */ (folder))),
  {
    name: 'diffo/layers/cli-and-api',
    files: ['cli/**/*.{ts,js}', 'api/**/*.{ts,js}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [driverOutsideGraph] }] },
  },
  {
    // A function says what it does in a screenful; a longer one gives its reason in a disable comment.
    name: 'diffo/short-functions',
    files: [...layers, 'bench'].map((folder) => `${folder}/**/*.{ts,js}`),
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    name: 'diffo/cypher-only-in-graph',
    // test/ and bench/ query the graph themselves: cleanup, and raw baselines to measure against
    files: layers.filter((folder) => folder !== 'graph').map((folder) => `${folder}/**/*.{ts,js}`),
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${cypher}]`, message: cypherMessage },
        { selector: `TemplateElement[value.raw=${cypher}]`, message: cypherMessage },
      ],
    },
  },
);
