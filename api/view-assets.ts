import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../infra/settings.js';

/**
 * The live view's page and its script, built from web/ by esbuild from the npm packages it
 * imports (Preact, htm, yaml) — no file from outside the registries, nothing built committed.
 * Built once per process, at the first request for it (about a tenth of a second), kept in memory.
 */
export interface ViewAssets {
  html: string;
  script: string;
}

const webFolder = path.join(projectRoot, 'web');

async function buildAssets(): Promise<ViewAssets> {
  const [html, bundle] = await Promise.all([
    readFile(path.join(webFolder, 'index.html'), 'utf8'),
    build({
      entryPoints: [path.join(webFolder, 'main.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    }),
  ]);
  return { html, script: bundle.outputFiles[0]!.text };
}

let built: Promise<ViewAssets> | undefined;

/** The page and its script, built at the first call. */
export function viewAssets(): Promise<ViewAssets> {
  built ??= buildAssets().catch((error: unknown) => {
    built = undefined; // a failed build is tried again at the next request
    throw error;
  });
  return built;
}
