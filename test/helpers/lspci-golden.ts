/**
 * The committed lspci goldens (test/fixtures/lspci-golden, see its README) split the way a meaning test
 * needs them: each dump's devices beside lspci's own block of lines for each of their capabilities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig, parseLspciDump, type LspciDevice } from '../../src/index';

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'lspci-golden');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lspci');

export interface GoldenDump {
  /** `synthetic/cap-08`, `real/8086-3408-x58-root-port` … */
  readonly name: string;
  readonly devices: readonly { device: LspciDevice; vvv: string }[];
}

const read = (path: string) => readFileSync(path, 'latin1');
const slotOf = (title: string) => title.split(' ')[0];
const sameSlot = (a: string, b: string) => a === b || a.endsWith(`:${b}`) || b.endsWith(`:${a}`);

/** One golden file's device sections, each its title line and the lines under it. */
function sections(text: string): string[] {
  return text.split(/\n(?=\S)/).filter((s) => s.trim());
}

function load(name: string, dump: string, golden: string): GoldenDump {
  const left = sections(read(golden));
  const devices = parseLspciDump(read(dump)).map((device) => {
    const i = left.findIndex((s) => sameSlot(slotOf(s), device.address));
    const [vvv] = i >= 0 ? left.splice(i, 1) : [''];
    return { device, vvv };
  });
  return { name, devices };
}

/** Where each set's dumps live (the goldens are under lspci-golden/SET). */
const DUMP_DIRS: Record<string, string> = {
  real: FIXTURES,
  synthetic: join(GOLDEN, 'synthetic'),
  'pciutils-tests': join(GOLDEN, 'pciutils-tests'),
};

/** The golden dump named `set/base`, e.g. `pciutils-tests/cap-vc-pat`. */
export function goldenDump(name: string): GoldenDump {
  const [set, base] = name.split('/');
  return load(name, join(DUMP_DIRS[set], `${base}.txt`), join(GOLDEN, set, `${base}.vvvn`));
}

/** Every dump with a golden: the real fixtures, the synthetic set, pciutils' own test dumps. */
export function goldenDumps(): GoldenDump[] {
  return Object.entries(DUMP_DIRS).flatMap(([set, dir]) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'))
      .map((f) => goldenDump(`${set}/${f.replace(/\.txt$/, '')}`)),
  );
}

/**
 * lspci's lines for the capability at `offset` of one device: its `Capabilities: [off]` line and every
 * deeper line under it, whitespace folded to single spaces; null where lspci printed no such capability.
 */
export function capabilityBlock(vvv: string, offset: number, extended: boolean): string | null {
  const lines = vvv.split('\n');
  const head = `\tCapabilities: [${offset.toString(16).padStart(extended ? 3 : 2, '0')}${extended ? ' v' : ']'}`;
  const i = lines.findIndex((l) => l.startsWith(head));
  if (i < 0) return null;
  const out = [lines[i].slice(head.length).replace(/^\d+\]/, '')];
  for (const l of lines.slice(i + 1)) {
    if (!l.startsWith('\t\t')) break;
    out.push(l);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * One capability of one golden dump: its meanings in register order, and lspci 3.9.0's block for it
 * (tests copy their expected phrases from that golden block).
 */
export function capabilityOf(dump: string, slot: string, offset: number) {
  const { device, vvv } = goldenDump(dump).devices.find((d) => d.device.address === slot)!;
  const decoded = decodeConfig(device.bytes);
  const cap = [...decoded.capabilities, ...decoded.extendedCapabilities].find((c) => c.offset === offset)!;
  const meanings = cap.fields.flatMap((f) => [f, ...(f.bits ?? [])]).flatMap((x) => x.meaning ?? []);
  return { cap, meanings, block: capabilityBlock(vvv, offset, cap.extended)! };
}
