import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exampleKinds } from '../examples/index.js';
import type { Kind } from '../model/registry.js';
import { genericKinds } from '../model/tmf/generic-kinds.js';

/**
 * The kinds a command works with: those exported as `kinds` by `--domain` modules, else the
 * example domains — and always the generic kinds, which a TMF POST naming no registered
 * specification builds (model/tmf/generic-kinds.ts), so the API and the worker agree on them.
 */
export async function kindsFrom(domainModules: string[] | undefined): Promise<Kind[]> {
  return [...genericKinds, ...(await domainKinds(domainModules))];
}

async function domainKinds(domainModules: string[] | undefined): Promise<Kind[]> {
  if (!domainModules?.length) return exampleKinds;
  const loaded = await Promise.all(
    domainModules.map(async (modulePath) => {
      const module = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { kinds?: Kind[] };
      if (!Array.isArray(module.kinds)) throw new Error(`--domain ${modulePath}: the module exports no "kinds" array`);
      return module.kinds;
    }),
  );
  return loaded.flat();
}
