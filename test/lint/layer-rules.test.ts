import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js bite: code placed (in memory) at a path inside a
 * folder is reported when it imports upwards, loads I/O into a workflow, or writes Cypher
 * outside graph/. Only the layer rules run, without type information, so this stays fast.
 */
const layerRules = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);
const eslint = new ESLint({
  overrideConfig: tseslint.configs.disableTypeChecked,
  ruleFilter: ({ ruleId }) => layerRules.has(ruleId),
});

/** What the layer rules report on `code` placed at `filePath` (relative to the project root). */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse error'}: ${message.message}`);
}

/** A module that imports `name` from each source and uses it. */
function importing(...imports: [name: string, source: string][]): string {
  const lines = imports.map(
    ([name, source]) => `import ${name} from '${source}';\nvoid ${name.replace(/[{} ]/g, '')};`,
  );
  return `${lines.join('\n')}\n`;
}

const reported = (pattern: RegExp) => expect.stringMatching(pattern);

describe('layer rules', () => {
  it('refuse an upward import: model/ importing graph/', async () => {
    expect(await problems('model/upward.ts', importing(['{ Inventory }', '../graph/inventory.js']))).toEqual([
      reported(/^@typescript-eslint\/no-restricted-imports: .*model\/ may import only nothing of ours/),
    ]);
  });

  it('let graph/ import model/, and a subfolder of examples/ import model/', async () => {
    const registry: [string, string] = ['{ createRegistry }', '../model/registry.js'];
    expect(await problems('graph/downward.ts', importing(registry))).toEqual([]);
    const fromSubfolder = importing(['{ z }', 'zod'], ['{ createRegistry }', '../../model/registry.js']);
    expect(await problems('examples/nbn/downward.ts', fromSubfolder)).toEqual([]);
  });

  it('refuse infra/ importing the domain, from a subfolder too', async () => {
    expect(await problems('infra/temporal/domain.ts', importing(['{ openDriver }', '../../graph/driver.js']))).toEqual([
      reported(/infra\/ may import only nothing of ours/),
    ]);
  });

  it('refuse Node built-ins and I/O libraries in workflows/', async () => {
    const impure = importing(
      ['{ readFileSync }', 'node:fs'],
      ['path', 'path'],
      ['{ Connection }', '@temporalio/client'],
      ['neo4j', 'neo4j-driver'],
    );
    expect(await problems('workflows/impure.ts', impure)).toEqual([
      reported(/'node:fs' import is restricted.*no Node built-ins/),
      reported(/'path' import is restricted.*no Node built-ins/),
      reported(/'@temporalio\/client' import is restricted.*no I\/O libraries/),
      reported(/'neo4j-driver' import is restricted.*used only in graph\//),
    ]);
  });

  it('let workflows/ import the types of activities/, and only their types', async () => {
    const source = '../activities/reconcile-activities.js';
    const typeOnly = `import type { ReconcileActivities } from '${source}';\nexport type A = ReconcileActivities;\n`;
    expect(await problems('workflows/types.ts', typeOnly)).toEqual([]);
    expect(await problems('workflows/values.ts', importing(['{ reconcileActivities }', source]))).toEqual([
      reported(/workflows\/ may import only types from activities\//),
    ]);
  });

  it('refuse neo4j-driver outside graph/', async () => {
    const driver = importing(['neo4j', 'neo4j-driver']);
    expect(await problems('cli/driver.ts', driver)).toEqual([reported(/neo4j-driver is used only in graph\//)]);
    expect(await problems('graph/driver-here.ts', driver)).toEqual([]);
  });

  it('refuse Cypher text in api/, in a string and in a template', async () => {
    const code = [
      "export const a = 'MATCH (n {id: $id}) RETURN n';",
      'export const b = (label: string) => `MERGE (n:${label})`;',
    ].join('\n');
    const cypher = reported(/^no-restricted-syntax: Cypher text belongs in graph\//);
    expect(await problems('api/cypher.ts', code)).toEqual([cypher, cypher]);
    expect(await problems('graph/cypher.ts', code)).toEqual([]);
  });
});
