/**
 * Engine benchmarks: config accesses per second through the vfio device on a real dump, with the same
 * access pattern on a bare Uint8Array as baseline, and decode time per fixture dump.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVfioDevice, decodeConfig, parseLspciDump, runScenario, SCENARIO_IDS } from '../src/index';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'lspci');
const dumps = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'))
  .map((f) => parseLspciDump(readFileSync(join(FIXTURES, f), 'utf8'))[0].bytes);

interface Access {
  write: boolean;
  offset: number;
  size: 1 | 2 | 4;
  value: number;
}

/** A fixed pseudo-random mix of 1/2/4-byte, naturally aligned reads (75%) and writes (25%). */
function accessPattern(n: number, cfgSize: number): Access[] {
  let x = 0x12345678;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const out: Access[] = [];
  for (let i = 0; i < n; i++) {
    const size = ([1, 2, 4] as const)[next() % 3];
    const offset = (next() % (cfgSize / size)) * size;
    out.push({
      write: next() % 4 === 0,
      offset,
      size,
      value: next() & (size === 4 ? 0xffffffff : (1 << (8 * size)) - 1),
    });
  }
  return out;
}

/** This process's CPU time in ms: time the scheduler gave other jobs is not counted against a loop. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Accesses per second of two loops measured in alternating 25 ms slices of CPU time over `totalMs`, so
 * that whatever else the machine does slows both alike: measured one after the other, the ratio swung 5×
 * with load, and by wall clock a slice could be mostly time spent descheduled.
 */
function interleavedPerSecond(a: () => number, b: () => number, totalMs = 2000): [number, number] {
  const spent = [0, 0];
  const done = [0, 0];
  const runs = [a, b];
  for (let round = 0; round * 50 < totalMs; round++)
    for (let i = 0; i < 2; i++) {
      const start = cpuMs();
      while (cpuMs() - start < 25) done[i] += runs[i]();
      spent[i] += cpuMs() - start;
    }
  return [Math.round((done[0] * 1000) / spent[0]), Math.round((done[1] * 1000) / spent[1])];
}

export function runEngineBench() {
  const igb = dumps.find((b) => b[0] === 0x86 && b[2] === 0xc9)!;
  const pattern = accessPattern(4096, 4096);
  const device = createVfioDevice(igb);
  for (const a of pattern) if (a.write) device.write(a.offset, a.size, a.value); // warm up
  const throughDevice = () => {
    let sink = 0;
    for (const a of pattern) {
      if (a.write) device.write(a.offset, a.size, a.value);
      else sink ^= device.read(a.offset, a.size);
    }
    return pattern.length + (sink & 0);
  };
  const raw = igb.slice();
  const view = new DataView(raw.buffer);
  const onBareArray = () => {
    let sink = 0;
    for (const a of pattern) {
      if (a.write) {
        if (a.size === 1) view.setUint8(a.offset, a.value);
        else if (a.size === 2) view.setUint16(a.offset, a.value, true);
        else view.setUint32(a.offset, a.value, true);
      } else {
        sink ^=
          a.size === 1
            ? view.getUint8(a.offset)
            : a.size === 2
              ? view.getUint16(a.offset, true)
              : view.getUint32(a.offset, true);
      }
    }
    return pattern.length + (sink & 0);
  };
  const [accessesPerSecond, rawAccessesPerSecond] = interleavedPerSecond(throughDevice, onBareArray);
  let decodes = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const d of dumps) decodeConfig(d);
    decodes += dumps.length;
  }
  const msPerDump = (performance.now() - start) / decodes;
  return {
    engine: {
      accessesPerSecond,
      rawAccessesPerSecond,
      slowdownVsRaw: Number((rawAccessesPerSecond / accessesPerSecond).toFixed(1)),
      target: { accessesPerSecond: 5_000_000 },
    },
    decode: { msPerDump: Number(msPerDump.toFixed(4)), dumps: dumps.length },
    scenario: { msPerRun: Object.fromEntries(SCENARIO_IDS.map((id) => [id, msPerRun(id)])) },
  };
}

function msPerRun(id: string): number {
  runScenario(id);
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < 200) {
    runScenario(id);
    runs++;
  }
  return Number(((performance.now() - start) / runs).toFixed(3));
}
