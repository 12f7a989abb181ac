import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * bin/ensure-dependencies.mjs in a scratch project of its own: a package with one locked
 * dependency-free package (a local folder, so npm ci needs no registry).
 */
const script = path.resolve('bin/ensure-dependencies.mjs');
const projects: string[] = [];

function scratchProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ensure-dependencies-'));
  projects.push(root);
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(script, path.join(root, 'bin', 'ensure-dependencies.mjs'));
  mkdirSync(path.join(root, 'local-package'));
  writeFileSync(
    path.join(root, 'local-package', 'package.json'),
    JSON.stringify({ name: 'local-package', version: '1.0.0' }),
  );
  const dependencies = { 'local-package': 'file:local-package' };
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', dependencies }));
  const packages = {
    '': { name: 'scratch', version: '1.0.0', dependencies },
    'local-package': { version: '1.0.0' },
    'node_modules/local-package': { resolved: 'local-package', link: true },
  };
  writeFileSync(
    path.join(root, 'package-lock.json'),
    JSON.stringify({ name: 'scratch', version: '1.0.0', lockfileVersion: 3, requires: true, packages }),
  );
  return root;
}

/** What the script prints (its one line, and what npm ci prints), run from `root`. */
function ensure(root: string): string {
  return execFileSync(process.execPath, ['bin/ensure-dependencies.mjs'], {
    cwd: root,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

afterEach(() => {
  for (const root of projects.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('ensure-dependencies', () => {
  it('installs the locked dependencies when node_modules is missing or differs from package-lock.json', () => {
    const root = scratchProject();
    expect(ensure(root)).toMatch(/^dependencies: node_modules is missing; installing the locked ones \(npm ci\)\n/);
    expect(ensure(root)).toBe('');
    // node_modules holds an older local-package than package-lock.json locks
    const installed = path.join(root, 'node_modules', '.package-lock.json');
    const record = JSON.parse(readFileSync(installed, 'utf8')) as { packages: Record<string, { version?: string }> };
    const older = { ...record, packages: { ...record.packages, 'local-package': { version: '0.9.0' } } };
    writeFileSync(installed, JSON.stringify(older));
    expect(ensure(root)).toMatch(/^dependencies: local-package is 0\.9\.0, package-lock\.json has 1\.0\.0; installing/);
    expect(ensure(root)).toBe('');
  });

  it('leaves a linked node_modules alone, and says so', () => {
    const root = scratchProject();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'ensure-dependencies-elsewhere-'));
    projects.push(elsewhere);
    symlinkSync(elsewhere, path.join(root, 'node_modules'));
    expect(ensure(root)).toBe(
      'dependencies: node_modules was not installed by npm from package-lock.json, but node_modules is a link; ' +
        'run npm ci where it points to\n',
    );
  });
});
