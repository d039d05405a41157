/**
 * The two commands on a fresh machine: `npm install` without warnings a newcomer would worry about, a
 * CLI that is plain JavaScript, and `npm test` finding (or installing, or naming) Chromium.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPlan, INSTALL_COMMAND } from '../chromium.mjs';
import { nodeRangeAdmits } from '../helpers/node-range';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
type Locked = { version: string; engines?: { node?: string }; hasInstallScript?: boolean };
const locked = Object.entries(lock.packages as Record<string, Locked>).filter(([path]) => path !== '');

describe('npm install', () => {
  const oldest = /^>=(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node)![1];
  it.each(['1.0.0', '20.19.0', '22.12.0'])('reads Node ranges like npm (%s)', (v) => {
    expect(nodeRangeAdmits('>=20.19.0 <22.0.0 || >=22.12.0', v)).toBe(v !== '1.0.0');
  });
  it(`every locked package runs on the oldest Node the project supports (${oldest}): no EBADENGINE`, () => {
    const refusing = locked
      .filter(([, p]) => p.engines?.node && !nodeRangeAdmits(p.engines.node, oldest))
      .map(([path, p]) => `${path}@${p.version} wants node ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });
  it('every dependency with an install script has a decision in allowScripts: no install-script notice', () => {
    const undecided = locked
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
      .filter((name) => !(name in (pkg.allowScripts ?? {})));
    expect(undecided).toEqual([]);
  });
  it('the runtime needs no TypeScript loader or esbuild', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.dependencies)).not.toContain('esbuild');
    expect(pkg.scripts.prepare).toBe('node scripts/build-cli.mjs');
  });
});

describe('the CLI is JavaScript built from src/', () => {
  let built = '';
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
    built = readFileSync(join(ROOT, 'dist-cli', 'vfio-explorer.mjs'), 'utf8');
  });
  it('imports only Node built-ins and runtime dependencies', () => {
    const imported = [...built.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported)
      expect(name.startsWith('node:') || name in pkg.dependencies, name).toBe(true);
    expect(readFileSync(join(ROOT, 'bin', 'vfio-explorer.mjs'), 'utf8')).not.toMatch(/tsx|esbuild|\.ts['"]/);
  });
  it('runs from the bin', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'vfio-explorer.mjs'), 'help'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^usage: vfio-explorer <command> FILE/);
  });
});

describe('npm test and Chromium', () => {
  const facts = { path: '/usr/bin/chromium', custom: false, exists: false, root: false, apt: true };
  it('uses the one that is there', () => {
    expect(chromiumPlan({ ...facts, exists: true })).toEqual({ kind: 'ready' });
  });
  it("installs Debian's chromium itself as root with apt, and says so", () => {
    const plan = chromiumPlan({ ...facts, root: true });
    expect(plan.kind).toBe('install');
    expect('say' in plan && plan.say).toMatch(/installing Debian's chromium package with apt-get/);
  });
  it.each([
    ['not root', { root: false, apt: true }],
    ['no apt', { root: true, apt: false }],
  ])('otherwise prints the one command (%s)', (_, f) => {
    expect(chromiumPlan({ ...facts, ...f })).toEqual({
      kind: 'tell',
      say: `The UI tests drive Debian's Chromium at /usr/bin/chromium, which is missing. Install it with:\n  ${INSTALL_COMMAND}`,
    });
  });
  it('CI gets it through npm test alone: .ci/run installs no browser of its own', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const commands = ci.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
    expect(commands.filter((line) => /apt-get|chromium/i.test(line))).toEqual([]);
    expect(ci).toMatch(/^npm test$/m);
  });
  it('a CHROMIUM_PATH that does not exist is named, not replaced', () => {
    expect(chromiumPlan({ ...facts, path: '/opt/c', custom: true, root: true })).toEqual({
      kind: 'tell',
      say: 'CHROMIUM_PATH names /opt/c, which does not exist.',
    });
  });
});
