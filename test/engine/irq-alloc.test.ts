/**
 * Host interrupt bookkeeping as Linux allocates it: IRTEs (Intel alloc_irte → bitmap_find_free_region;
 * AMD irq_remapping_alloc → alloc_irq_index), IRQ numbers and vectors, KVM GSIs — each the lowest free,
 * so freeing and allocating again gives the same values back.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/index';
import { Iommu } from '../../src/scenario/models/iommu';
import { HostIrqCore } from '../../src/scenario/models/host';
import { Kvm } from '../../src/scenario/models/kvm';

describe('Intel alloc_irte: lowest free region of 2^order entries, aligned to its size', () => {
  it("one entry after the host's first 0x2b; a 32-block skips to 0x40; 3 rounds up to an aligned 4", () => {
    const ir = new Iommu('intel', 0x2b);
    expect(ir.allocIrte(0x200, 1)).toBe(0x2b);
    expect(ir.allocIrte(0x200, 32)).toBe(0x40);
    expect(ir.allocIrte(0x300, 3)).toBe(0x2c);
    expect(ir.allocIrte(0x300, 1)).toBe(0x30);
  });
  it('a freed entry is the next one handed out, whichever device asks (one global table)', () => {
    const ir = new Iommu('intel', 0x2b);
    expect(ir.allocIrte(0x200, 1)).toBe(0x2b);
    expect(ir.allocIrte(0x200, 1)).toBe(0x2c);
    ir.free(0x200, 0x2b);
    expect(ir.allocIrte(0x300, 1)).toBe(0x2b);
  });
});

describe('AMD alloc_irq_index: a per-device table scanned from min_index 0', () => {
  it('each device starts at 0; multi-MSI blocks are aligned to roundup_pow_of_two(count)', () => {
    const ir = new Iommu('amd', 0x2b);
    expect(ir.allocIrte(0x200, 1)).toBe(0);
    expect(ir.allocIrte(0x300, 1)).toBe(0);
    expect(ir.allocIrte(0x200, 3)).toBe(4);
    expect(ir.allocIrte(0x200, 1)).toBe(1);
    ir.free(0x200, 0);
    expect(ir.allocIrte(0x200, 1)).toBe(0);
  });
  it('S2 on an AMD host: the host message is 0xFEE00000 with data 0 (IRTE 0 of 02:00.0), the guest copy hits index 0x21', () => {
    const r = runScenario('S2', { ir: 'amd' });
    expect(r.events.find((e) => e.kind === 'msi-program')!.payload).toMatchObject({
      address: 0xfee00000,
      data: 0,
    });
    expect(r.events.find((e) => e.kind === 'irte-write')!.refs).toEqual([
      'irq_remapping_alloc',
      'alloc_irq_index',
      'fill_msi_msg',
    ]);
    expect(r.events.find((e) => e.kind === 'fault' && e.source === 'CE1')!.payload).toMatchObject({
      index: 0x21,
    });
  });
});

describe('IRQ numbers, vectors and GSIs are the lowest free ones', () => {
  it('HostIrqCore reuses a freed IRQ number and vector', () => {
    const host = new HostIrqCore({ apic: 6, vector: 0x24, irteBase: 0x2b, firstIrq: 150 });
    const [a, b] = host.allocate(2, (i) => `msi-${i}`, 0x2b);
    expect([a.irq, a.vector, a.irte, b.irq, b.vector, b.irte]).toEqual([150, 0x24, 0x2b, 151, 0x25, 0x2c]);
    host.free([150]);
    const [c] = host.allocate(1, () => 'again', null);
    expect([c.irq, c.vector, c.irte]).toEqual([150, 0x24, null]);
  });
  it('kvm_irqchip_get_virq: a released GSI is reused', () => {
    const kvm = new Kvm(24);
    const msg = { address: 0xfee00000, addressHi: 0, data: 0x21 };
    expect([kvm.addRoute(msg).gsi, kvm.addRoute(msg).gsi]).toEqual([24, 25]);
    kvm.routes.delete(24);
    expect(kvm.addRoute(msg).gsi).toBe(24);
  });
});
