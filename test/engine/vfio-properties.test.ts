/**
 * Invariants of the vfio config engine under random operation sequences on every bindable fixture:
 * provenance masks partition the bits, default-handler reads follow (hw & ~virt) | (vconfig & virt),
 * writes never land on a bit without write permission, reads never change the device, and novirt makes
 * MSI address/data reads equal the hardware while dropping writes there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createVfioDevice,
  decodeConfig,
  EngineError,
  type VfioDevice,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_SET,
} from '../../src/index';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';
import { maskAt } from '../helpers/device';
import { fcParams } from '../helpers/fuzz';

const BINDABLE = fixtureNames().filter(
  (n) => (fixtureBytes(n)[0x0e] & 0x7f) === 0 && fixtureBytes(n).length >= 64,
);

type Op =
  | { kind: 'read'; offset: number; size: number }
  | { kind: 'write'; offset: number; size: number; value: number }
  | { kind: 'feature'; flags: number; argsz: number }
  | { kind: 'irq'; type: 'none' | 'intx' | 'msi' | 'msix'; qmax: number };

const opArb = (cfg: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('read' as const),
      offset: fc.integer({ min: 0, max: cfg - 1 }),
      size: fc.constantFrom(1, 2, 4),
    }),
    fc.record({
      kind: fc.constant('write' as const),
      offset: fc.integer({ min: 0, max: cfg - 1 }),
      size: fc.constantFrom(1, 2, 4),
      value: fc.integer({ min: 0, max: 0xffffffff }),
    }),
    fc.record({
      kind: fc.constant('feature' as const),
      flags: fc.oneof(fc.constant(0x2000b), fc.integer({ min: 0, max: 0x7ffff })),
      argsz: fc.integer({ min: 0, max: 64 }),
    }),
    fc.record({
      kind: fc.constant('irq' as const),
      type: fc.constantFrom('none', 'intx', 'msi', 'msix'),
      qmax: fc.integer({ min: 0, max: 5 }),
    }),
  );

const fit = (v: number, size: number) => (size === 4 ? v >>> 0 : v & ((1 << (8 * size)) - 1));

function bitsChanged(before: Uint8Array, after: Uint8Array, allowed: Uint8Array, end: number): number[] {
  const bad: number[] = [];
  for (let i = 0; i < end; i++) if ((before[i] ^ after[i]) & ~allowed[i] & 0xff) bad.push(i);
  return bad;
}

function apply(d: VfioDevice, op: Op): void {
  const full =
    op.kind === 'read' || op.kind === 'write' ? (op.size === 4 ? 0xffffffff : (1 << (8 * op.size)) - 1) : 0;
  if (op.kind === 'read') {
    if (op.offset + op.size > d.cfgSize) {
      expect(() => d.read(op.offset, op.size)).toThrow(EngineError);
      return;
    }
    const phys = d.physical.slice();
    const r = d.readDetailed(op.offset, op.size);
    expect((r.fromHardware & r.fromVconfig) >>> 0).toBe(0);
    expect((r.fromHardware | r.fromVconfig) >>> 0).toBe(full);
    expect(d.physical).toEqual(phys);
    return;
  }
  if (op.kind === 'write') {
    if (op.offset + op.size > d.cfgSize) {
      expect(() => d.write(op.offset, op.size, fit(op.value, op.size))).toThrow(EngineError);
      return;
    }
    const perm = d.perm.write;
    const phys = d.physical.slice();
    const vconf = d.vconfig.slice();
    const w = d.writeDetailed(op.offset, op.size, fit(op.value, op.size));
    expect(((w.toVconfig | w.toHardware) & w.dropped) >>> 0).toBe(0);
    expect(bitsChanged(vconf, d.vconfig, perm, d.cfgSize)).toEqual([]);
    // The device may only change outside write permission through a named side effect (power state, MRRS, MSI flags…).
    if (!w.effects.length) expect(bitsChanged(phys, d.physical, perm, 4096)).toEqual([]);
    return;
  }
  if (op.kind === 'feature') {
    const ret = d.deviceFeature(op.flags, op.argsz);
    expect([0, -22, -25]).toContain(ret);
    return;
  }
  d.host.setIrqState(op.type, op.type === 'msi' ? op.qmax : undefined);
}

describe.each(BINDABLE)('%s', (name) => {
  const bytes = fixtureBytes(name);
  it('keeps every invariant over random operation sequences', () => {
    fc.assert(
      fc.property(
        fc.array(opArb(bytes.length > 256 ? 4096 : 256), { maxLength: 30 }),
        fc.boolean(),
        (ops, realistic) => {
          const d = createVfioDevice(bytes, { hardware: realistic ? 'realistic' : 'memory' });
          for (const op of ops) apply(d, op);
        },
      ),
      fcParams,
    );
  });

  it('default-handler reads are (hardware & ~virt) | (vconfig & virt), bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(opArb(bytes.length > 256 ? 4096 : 256), { maxLength: 10 }),
        fc.integer({ min: 0, max: 4095 }),
        (ops, at) => {
          const d = createVfioDevice(bytes);
          for (const op of ops) {
            if (op.kind === 'write') safeWrite(d, op);
            else if (op.kind !== 'read') apply(d, op);
          }
          const offset = at % d.cfgSize;
          const how = d.describe(offset);
          fc.pre(
            how.read === 'default' || how.read === 'msi' || (how.read === 'basic' && !isBarOrCommand(offset)),
          );
          const hw = d.physical[offset];
          const v = d.vconfig[offset];
          const virt = d.perm.virt[offset];
          expect(d.read(offset, 1)).toBe((hw & ~virt) | (v & virt));
        },
      ),
      fcParams,
    );
  });
});

const isBarOrCommand = (o: number) => (o >= 0x10 && o < 0x28) || (o >= 0x30 && o < 0x34);

function safeWrite(d: VfioDevice, op: Extract<Op, { kind: 'write' }>): void {
  if (op.offset + op.size <= d.cfgSize) d.write(op.offset, op.size, fit(op.value, op.size));
}

describe('PCI_MSI_NOVIRT', () => {
  const withMsi = BINDABLE.filter((n) => decodeConfig(fixtureBytes(n)).capabilities.some((c) => c.id === 5));
  it.each(withMsi)('%s: address/data reads equal the hardware and writes there are dropped', (name) => {
    const bytes = fixtureBytes(name);
    const msi = decodeConfig(bytes).capabilities.find((c) => c.id === 5)!;
    const is64 = (bytes[msi.offset + 2] & 0x80) !== 0;
    const span = is64 ? 10 : 6; // ADDRESS_LO[+HI] + DATA
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: span - 1 }),
        fc.constantFrom(1, 2, 4),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (rel, size, hostValue, guestValue) => {
          const d = createVfioDevice(bytes);
          d.write(msi.offset + 4, 4, 0xfee00000); // a guest value sits in vconfig
          expect(d.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8)).toBe(0);
          d.host.physicalWrite(msi.offset + 4, 4, hostValue); // the host MSI core reprograms the device
          const off = msi.offset + 4 + rel;
          const n = Math.min(size, span - rel);
          const sz = n >= 4 ? 4 : n >= 2 ? 2 : 1;
          expect(d.read(off, sz)).toBe(maskAt(d.physical, off, sz));
          const phys = d.physical.slice();
          const vconf = d.vconfig.slice();
          d.write(off, sz, fit(guestValue, sz));
          expect(d.physical).toEqual(phys);
          expect(d.vconfig).toEqual(vconf);
        },
      ),
      fcParams,
    );
  });
});

describe('read() and write() without provenance', () => {
  // The fast path (vfio/fast.ts) caches each byte's dispatch; a twin device driven through the detailed
  // API must agree on every value, every byte of vconfig and hardware, and every side effect.
  it.each(BINDABLE)('%s: the same values, state and effects as readDetailed/writeDetailed', (name) => {
    const bytes = fixtureBytes(name);
    const cfg = createVfioDevice(bytes).cfgSize;
    fc.assert(
      fc.property(fc.array(opArb(cfg), { maxLength: 40 }), (ops) => {
        const fast = createVfioDevice(bytes);
        const detailed = createVfioDevice(bytes);
        const outcome = (fn: () => unknown) => {
          try {
            return fn();
          } catch (e) {
            if (!(e instanceof EngineError)) throw e;
            return e.message;
          }
        };
        for (const op of ops) {
          if (op.kind === 'read')
            expect(outcome(() => fast.read(op.offset, op.size))).toEqual(
              outcome(() => detailed.readDetailed(op.offset, op.size).value),
            );
          else if (op.kind === 'write') {
            const v = fit(op.value, op.size);
            outcome(() => fast.write(op.offset, op.size, v));
            outcome(() => detailed.writeDetailed(op.offset, op.size, v));
          } else {
            apply(fast, op);
            apply(detailed, op);
          }
        }
        expect(fast.vconfig).toEqual(detailed.vconfig);
        expect(fast.physical).toEqual(detailed.physical);
        expect(fast.effects).toEqual(detailed.effects);
        expect(fast.state).toEqual(detailed.state);
      }),
      { ...fcParams, numRuns: Math.max(10, Math.floor(fcParams.numRuns / 5)) },
    );
  });
});
