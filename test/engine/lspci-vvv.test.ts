/**
 * `decode --format lspci` against the real lspci: every dump in test/fixtures/lspci, every synthetic dump in
 * test/fixtures/lspci-golden/synthetic and every pciutils test dump in test/fixtures/lspci-golden/pciutils-tests
 * must print exactly what `lspci -F DUMP -vvv` (pciutils 3.9.0) printed
 * into the committed goldens (see test/fixtures/lspci-golden/README.md), except the two differences the
 * issue allows: title lines come from the dump, and subsystems are IDs (as `-n` prints them).
 * Needs no lspci: the goldens are files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseLspciDump } from '../../src/pci/lspci';
import { formatLspciVvv } from '../../src/pci/lspci-vvv';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const GOLDEN = join(FIXTURES, 'lspci-golden');

interface Case {
  name: string;
  dump: string;
  golden: string;
}

const cases = (dumpDir: string, goldenDir: string): Case[] =>
  readdirSync(dumpDir)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'))
    .map((f) => ({ name: f, dump: join(dumpDir, f), golden: join(goldenDir, f.replace(/\.txt$/, '')) }));

const ALL = [
  ...cases(join(FIXTURES, 'lspci'), join(GOLDEN, 'real')),
  ...cases(join(GOLDEN, 'synthetic'), join(GOLDEN, 'synthetic')),
  ...cases(join(GOLDEN, 'pciutils-tests'), join(GOLDEN, 'pciutils-tests')),
];

const isTitle = (line: string) => line !== '' && !line.startsWith('\t');
const read = (path: string) => readFileSync(path, 'latin1');

/** The titles our output must carry: the dump's header lines, in lspci's slot order. */
function titlesOf(ours: string): string[] {
  return ours.split('\n').filter(isTitle);
}

describe('decode --format lspci equals lspci -F DUMP -vvv (pciutils 3.9.0)', () => {
  it('has goldens for every real fixture and a synthetic set covering every capability family', () => {
    expect(ALL.filter((c) => c.dump.includes('/lspci/')).length).toBeGreaterThanOrEqual(12);
    expect(ALL.length).toBeGreaterThanOrEqual(90);
  });

  it.each(ALL)('$name: line for line the -n golden, titles from the dump', ({ dump, golden }) => {
    const ours = formatLspciVvv(parseLspciDump(read(dump)));
    const titles = titlesOf(ours);
    let t = 0;
    const expected = read(`${golden}.vvvn`)
      .split('\n')
      .map((line) => (isTitle(line) ? (titles[t++] ?? '<missing title>') : line))
      .join('\n');
    expect(ours).toBe(expected);
  });

  it.each(ALL)('$name: every line but titles and subsystems equals plain -vvv', ({ dump, golden }) => {
    const ours = formatLspciVvv(parseLspciDump(read(dump))).split('\n');
    const named = read(`${golden}.vvv`).split('\n');
    expect(ours.length).toBe(named.length);
    ours.forEach((line, i) => {
      if (isTitle(line)) return;
      if (named[i].includes('Subsystem: ')) expect(line).toMatch(/Subsystem: [0-9a-f]{4}:[0-9a-f]{4}$/);
      else expect(line).toBe(named[i]);
    });
  });
});

describe('decode --format lspci titles and CLI contract', () => {
  const dump = join(FIXTURES, 'lspci', '8086-3408-x58-root-port.txt');

  it('prints the dump header line as the title and the subsystem as IDs', () => {
    const [first, second] = formatLspciVvv(parseLspciDump(read(dump))).split('\n');
    expect(first).toBe(read(dump).split('\n')[0]);
    expect(second).toBe('\tSubsystem: 8086:0000');
  });

  it('is reached as `decode FILE --format lspci`, and rejects other formats', () => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
    expect(main(['decode', dump, '--format', 'lspci'], io)).toBe(0);
    expect(out).toBe(formatLspciVvv(parseLspciDump(read(dump))));
    expect(main(['decode', dump, '--format', 'lspcii'], io)).toBe(1);
    expect(err).toContain('--format is one of text, json, lspci');
  });
});
