// Runs first in the npm scripts, so `npm start` and `npm test` work as the first command after
// `git clone`: installs the locked dependencies (npm ci) when node_modules is missing or differs
// from package-lock.json, and says so in one line. Plain Node, no dependencies: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');

/** The `packages` of a lockfile: "node_modules/x" → { version, integrity, optional, ... }. */
function lockedPackages(file) {
  return JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
}

/**
 * Why node_modules must be installed again, or undefined when it holds what package-lock.json
 * locks. npm ci records what it installed in node_modules/.package-lock.json; an optional
 * package locked for another platform (esbuild's for macOS, say) is rightly absent there.
 */
function staleness() {
  if (!existsSync(modules)) return 'node_modules is missing';
  const installedFile = path.join(modules, '.package-lock.json');
  if (!existsSync(installedFile)) return 'node_modules was not installed by npm from package-lock.json';
  const locked = lockedPackages(path.join(root, 'package-lock.json'));
  const installed = lockedPackages(installedFile);
  for (const [where, entry] of Object.entries(locked)) {
    if (where === '') continue; // the project itself
    const present = installed[where];
    if (present === undefined && !entry.optional) return `${where} is missing`;
    if (present !== undefined && present.version !== entry.version) {
      return `${where} is ${present.version}, package-lock.json has ${entry.version}`;
    }
  }
  const extra = Object.keys(installed).find((where) => !(where in locked));
  return extra === undefined ? undefined : `${extra} is not in package-lock.json`;
}

const reason = staleness();
if (reason !== undefined) {
  if (lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink()) {
    // a node_modules shared with another checkout: reinstalling here would change it there
    console.log(`dependencies: ${reason}, but node_modules is a link; run npm ci where it points to`);
  } else {
    console.log(`dependencies: ${reason}; installing the locked ones (npm ci)`);
    // the npm that runs this script when there is one, so the same npm and Node install
    const npm = /npm-cli\.[cm]?js$/.test(process.env.npm_execpath ?? '') ? process.env.npm_execpath : undefined;
    const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
    const ci = spawnSync(command, [...args, 'ci', '--no-audit', '--no-fund'], {
      cwd: root,
      stdio: 'inherit',
      shell: !npm && process.platform === 'win32',
    });
    if (ci.status !== 0) process.exit(ci.status ?? 1);
  }
}
