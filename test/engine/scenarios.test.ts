/** runScenario S1–S10: the decisive values of interrupt-paths.md §6, asserted exactly. */
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioResult } from '../../src/index';
import { firstEvent as find, verdict } from '../helpers/scenario-run';

const featureCall = (r: ScenarioResult) => find(r, (e) => e.payload.ioctl === 'VFIO_DEVICE_FEATURE');

describe('S1 bare metal, IR on, 32 vectors', () => {
  const r = runScenario('S1');
  it('the capability gets handle 0x40: address 0xFEE00818, data 0', () => {
    expect(find(r, (e) => e.kind === 'msi-program').payload).toMatchObject({
      address: 0xfee00818,
      data: 0,
      vectors: 32,
    });
  });
  it('rings: CE1 ← 0xFEE00818 / 0x100 / 0x4, DP2 data 0x10', () => {
    const ce1 = r.events
      .filter((e) => e.kind === 'mmio-write' && e.source === 'CE1')
      .map((e) => e.payload.value);
    expect(ce1).toEqual([0xfee00818, 0x100, 0x4]);
    expect(
      r.events.filter((e) => e.kind === 'mmio-write' && e.source === 'DP2').map((e) => e.payload.value)[2],
    ).toBe(0x10);
  });
  it('CE1 → IRTE 0x44 → host vector 0x31 on APIC 2 → the driver; MHI vector 2 → IRTE 0x42', () => {
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'irte-lookup').payload).toEqual({
      irte: 0x44,
      vector: 0x31,
      apic: 2,
    });
    expect(find(r, (e) => e.source === 'MHI2' && e.kind === 'irte-lookup').payload.irte).toBe(0x42);
    expect(r.verdicts.every((v) => v.outcome === 'delivered')).toBe(true);
  });
  it('without IR 32 vectors are impossible, and the error names the options', () => {
    expect(() => runScenario('S1', { ir: 'none' })).toThrow(/"vectors": 32 and "ir": "none"/);
    const one = runScenario('S1', { ir: 'none', vectors: 1 });
    expect(
      one.events.filter((e) => e.kind === 'mmio-write' && e.source === 'CE0').map((e) => e.payload.value),
    ).toEqual([0xfee00000, 0x100, 0x25]);
  });
});

describe('bare metal (S1, S10) names no guest', () => {
  it.each(['S1', 'S10'])("%s: the driver is the host's ath11k, the VM slots say they are empty", (id) => {
    const r = runScenario(id);
    expect(r.actorLabels).toEqual({
      'guest-driver': 'ath11k (host driver)',
      'guest-kernel': 'No guest kernel',
      vcpu: 'No vCPU',
      qemu: 'No VMM',
      kvm: 'KVM (not involved)',
      vfio: 'vfio-pci (not bound)',
    });
    expect(r.laneLabels).toEqual({ guest: 'Host driver (no VM)', host: 'Host kernel' });
    // The driver is an actor of these timelines, so its name reaches the event log; no event text says guest.
    expect(
      r.events.filter((e) => e.from === 'guest-driver' || e.to === 'guest-driver').length,
    ).toBeGreaterThan(0);
    expect(r.events.filter((e) => /guest/i.test(e.explanation)).map((e) => e.explanation)).toEqual([]);
  });
  it("a VM scenario keeps the diagram's names", () => {
    expect(runScenario('S3')).toMatchObject({ actorLabels: {}, laneLabels: {} });
  });
});

describe('S2 VM, default vfio MSI virtualization (broken)', () => {
  const r = runScenario('S2');
  it('a Linux guest without IR falls back to one MSI; guest 0xFEE00000/0x21, host 0xFEE00578/0x0 (IRTE 0x2B)', () => {
    expect(r.events.find((e) => e.kind === 'irq-alloc')!.payload).toMatchObject({
      requested: 32,
      granted: 1,
    });
    expect(find(r, (e) => e.kind === 'route-update').payload).toMatchObject({
      gsi: 24,
      address: 0xfee00000,
      data: 0x21,
      eventfd: 'E0',
    });
    expect(find(r, (e) => e.kind === 'irte-write').payload).toMatchObject({
      first: 0x2b,
      vector: 0x24,
      dest: 6,
      sid: 0x200,
    });
    expect(find(r, (e) => e.kind === 'msi-program').payload).toMatchObject({ address: 0xfee00578, data: 0 });
  });
  it('the driver reads the address from QEMU’s emulated copy (all 32 bits from QEMU)', () => {
    expect(find(r, (e) => e.kind === 'config-read').payload).toMatchObject({
      value: 0xfee00000,
      fromQemu: 0xffffffff,
      fromVconfig: 0,
      fromHardware: 0,
    });
  });
  it('the guest write of the address goes only to vconfig (provenance from the config engine)', () => {
    const w = find(r, (e) => e.kind === 'config-write' && e.payload.offset === 0x54);
    expect(w.payload).toMatchObject({ value: 0xfee00000, toVconfig: 0xffffffff, toHardware: 0 });
  });
  it('the rings get the guest message; MHI through the capability is delivered as vector 0x21 on vCPU 0', () => {
    expect(
      r.events.filter((e) => e.kind === 'mmio-write' && e.source === 'CE1').map((e) => e.payload.value),
    ).toEqual([0xfee00000, 0x100, 0x21]);
    expect(verdict(r, 'MHI0')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
  });
  it('CE1: the device writes 0xFEE00000 ← 0x21 from 02:00.0 and VT-d blocks it with fault reason 0x25', () => {
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'msi-write').payload).toEqual({
      address: 0xfee00000,
      data: 0x21,
      sid: 0x200,
      format: 'compatibility',
    });
    const f = find(r, (e) => e.source === 'CE1' && e.kind === 'fault');
    expect(f.payload).toMatchObject({ reason: 0x25, index: 0 });
    expect(f.payload.log).toBe(
      'DMAR: [INTR-REMAP] Request device [02:00.0] fault index 0x0 [fault reason 0x25] Blocked a compatibility format interrupt request',
    );
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'blocked', at: 'iommu' });
  });
  it("ends with the guest driver's timeouts", () => {
    expect(r.events.at(-1)!.payload.log).toMatch(
      /failed to connect to HTT: -110 \| failed to start core: -110$/,
    );
  });
  it('without IR the message reaches host APIC 0 vector 0x21, where nothing listens; AMD looks up IRTE 0x21', () => {
    expect(verdict(runScenario('S2', { ir: 'none' }), 'CE1').why).toBe(
      '__common_interrupt: 0.33 No irq handler for vector',
    );
    expect(verdict(runScenario('S2', { ir: 'amd' }), 'CE1')).toMatchObject({ outcome: 'blocked' });
  });
});

describe('S3 MSI_NOVIRT + the ath quirk (works)', () => {
  it('single vector: the quirk substitutes 0xFEE00578/0x0; CE1 arrives as guest vector 0x21 on vCPU 0 via IRTE 0x2B', () => {
    const r = runScenario('S3');
    expect(featureCall(r).payload).toMatchObject({ ioctl: 'VFIO_DEVICE_FEATURE', flags: 0x2000b, ret: 0 });
    const ce1 = r.events.filter((e) => e.source === 'CE1');
    expect(ce1.filter((e) => e.from === 'qemu' && e.to === 'device').map((e) => e.payload.value)).toEqual([
      0xfee00578, 0x100, 0,
    ]);
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'msi-write').payload).toMatchObject({
      address: 0xfee00578,
      data: 0,
    });
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'irte-lookup').payload.irte).toBe(0x2b);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
    expect(r.verdicts.every((v) => v.outcome === 'delivered')).toBe(true);
  });
  it('the quirk reads the physical address through the un-virtualized vfio region (all bits from hardware)', () => {
    const r = runScenario('S3');
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'config-read').payload).toMatchObject({
      offset: 0x54,
      value: 0xfee00578,
      fromHardware: 0xffffffff,
      fromVconfig: 0,
    });
  });
  it('16 vectors (Windows-like guest): ring data 0x45 → host data 0x05 → IRTE 0x35 → E5 → GSI 29 → guest 0x45 on vCPU 1', () => {
    const r = runScenario('S3', { guest: 'windows', vectors: 16 });
    expect(find(r, (e) => e.kind === 'msi-program').payload).toMatchObject({
      address: 0xfee00618,
      data: 0,
      vectors: 16,
    });
    const writes = r.events.filter((e) => e.source === 'CE7' && e.kind === 'mmio-write');
    expect(writes.filter((e) => e.from === 'guest-driver').map((e) => e.payload.value)[2]).toBe(0x45);
    expect(writes.filter((e) => e.from === 'qemu').map((e) => e.payload.value)[2]).toBe(0x05);
    expect(find(r, (e) => e.source === 'CE7' && e.kind === 'irte-lookup').payload.irte).toBe(0x35);
    expect(find(r, (e) => e.source === 'CE7' && e.kind === 'eventfd-signal').payload.eventfd).toBe('E5');
    expect(verdict(r, 'CE7')).toMatchObject({ outcome: 'delivered', guestVector: 0x45, vcpu: 1 });
    expect(find(r, (e) => e.source === 'CE7' && e.kind === 'injection').payload.gsi).toBe(29);
  });
  it('a kernel without the RFC: the feature fails with -ENOTTY, no quirk, S2 behaviour', () => {
    const r = runScenario('S3', { rfc: false });
    expect(featureCall(r).payload.ret).toBe(-25);
    expect(verdict(r, 'CE1').outcome).toBe('blocked');
  });
  it('v6.11 by name is the same as the older rfc: false; v7.0 answers the quirk’s call with -EINVAL (DMA_BUF)', () => {
    expect(featureCall(runScenario('S3', { kernel: 'v6.11' })).payload.ret).toBe(-25);
    const r = runScenario('S3', { kernel: 'v7.0' });
    expect(featureCall(r).payload.ret).toBe(-22);
    expect(verdict(r, 'CE1').outcome).toBe('blocked');
    expect(() => runScenario('S3', { kernel: 'v7.0', rfc: true })).toThrow(/contradicts kernel "v7.0"/);
  });
});

describe('S4 branches', () => {
  it('IMS-style guest: 0xFEE02000/0x35 is not substituted → fault 0x25', () => {
    const r = runScenario('S4', { branch: 'ims' });
    expect(find(r, (e) => e.kind === 'fault').payload).toMatchObject({ reason: 0x25, index: 0x100 });
  });
  it('same address, other vector: address substituted, data 0x35 left → IRTE 0x2B+0x35 = 0x60 not present (0x22)', () => {
    const r = runScenario('S4', { branch: 'ims-same-address' });
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'msi-write').payload).toMatchObject({
      address: 0xfee00578,
      data: 0x35,
    });
    expect(find(r, (e) => e.kind === 'fault').payload).toMatchObject({ reason: 0x22, index: 0x60 });
  });
  it('an 8-byte store is split into two 4-byte quirk writes, so CE1 still arrives (ath-quirk.test.ts has the halves)', () => {
    expect(verdict(runScenario('S4', { branch: 'wide-store' }), 'CE1')).toMatchObject({
      outcome: 'delivered',
      guestVector: 0x21,
      vcpu: 0,
    });
  });
  it('a guest re-target only updates the KVM route; the rings keep host values and still deliver (0x22 on vCPU 3)', () => {
    const r = runScenario('S4', { branch: 'retarget' });
    expect(r.events.filter((e) => e.kind === 'route-update').at(-1)!.payload).toMatchObject({
      gsi: 24,
      address: 0xfee03000,
      data: 0x22,
    });
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x22, vcpu: 3 });
  });
});

it("S5: SET_IRQS for the source, IRTE 0x2C (lowest free after the MSI's 0x2B), host 0xFEE00598 in the ring, guest 0x35 on vCPU 2", () => {
  const r = runScenario('S5');
  expect(find(r, (e) => e.kind === 'ioctl' && e.payload.start === 7).payload).toMatchObject({
    count: 1,
    eventfds: 'E_ims7',
  });
  expect(r.events.filter((e) => e.kind === 'irte-write').map((e) => e.payload.first)).toEqual([0x2b, 0x2c]);
  expect(find(r, (e) => e.source === 'CE1' && e.from === 'host-irq').payload).toMatchObject({
    address: 0xfee00598,
    data: 0,
  });
  expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x35, vcpu: 2 });
  expect(find(r, (e) => e.source === 'CE1' && e.kind === 'injection').payload.gsi).toBe(40);
});

it('S6: MSI-X entry 2 — route GSI 50, SET_IRQS(MSIX, 2, 1), IRTE 0x52 = 0xFEE00A58, posted 0x41 to vCPU 1', () => {
  const r = runScenario('S6');
  expect(find(r, (e) => e.kind === 'ioctl' && e.payload.start === 2).payload).toMatchObject({
    index: 2,
    count: 1,
    ret: 0,
  });
  expect(find(r, (e) => e.kind === 'msi-program').payload).toMatchObject({
    entry: 2,
    address: 0xfee00a58,
    data: 0,
  });
  expect(find(r, (e) => e.kind === 'posted').payload).toMatchObject({ irte: 0x52, guestVector: 0x41 });
  expect(verdict(r, 'MSI-X 2')).toMatchObject({ outcome: 'delivered', guestVector: 0x41, vcpu: 1 });
});

describe('S7 posted interrupts', () => {
  it('IRTE 0x2B posted: vector 0x21, PDA_L 0x8D159E, PDA_H 0x1; NV 0xF2 to APIC 6; no host handler', () => {
    const r = runScenario('S7');
    expect(find(r, (e) => e.kind === 'irte-write' && e.payload.posted === true).payload).toMatchObject({
      irte: 0x2b,
      guestVector: 0x21,
      pdaLow: 0x8d159e,
      pdaHigh: 1,
    });
    expect(find(r, (e) => e.source === 'MHI0' && e.kind === 'posted').payload).toMatchObject({
      pir: 0x21,
      on: true,
      sn: false,
      nv: 0xf2,
      ndst: 6,
    });
    expect(r.events.some((e) => e.kind === 'isr' && e.to === 'vfio')).toBe(false);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
  });
  it('blocked vCPU: wake-up vector 0xF1; preempted: SN suppresses the notification', () => {
    expect(find(runScenario('S7', { vcpuState: 'blocked' }), (e) => e.kind === 'posted').payload.nv).toBe(
      0xf1,
    );
    expect(
      find(runScenario('S7', { vcpuState: 'preempted' }), (e) => e.kind === 'posted').payload,
    ).toMatchObject({ sn: true, nv: null });
  });
  it('names who moves PIR into the vIRR: the CPU (running), pi_wakeup_handler (blocked), the next VM entry (preempted)', () => {
    const pickup = (vcpuState: 'running' | 'blocked' | 'preempted') =>
      find(runScenario('S7', { vcpuState }), (e) => e.kind === 'injection' && e.payload.posted === true).refs;
    expect(pickup('running')).toEqual(['pi_desc']);
    expect(pickup('blocked')).toEqual(['pi_wakeup_handler', 'vmx_sync_pir_to_irr']);
    expect(pickup('preempted')).toEqual(['vmx_sync_pir_to_irr']);
  });
});

describe('S8 >255 vCPUs', () => {
  it('ext-dest-id: 0xFEE1F020/0x30 swizzled to 0x100_FEE1F000, delivered to APIC 0x11F; the copy needs the quirk', () => {
    const r = runScenario('S8');
    expect(find(r, (e) => e.kind === 'route-update').payload).toMatchObject({
      address: 0xfee1f000,
      addressHi: 0x100,
      data: 0x30,
    });
    expect(verdict(r, 'MHI0')).toMatchObject({ outcome: 'delivered', guestVector: 0x30, vcpu: 0x11f });
    expect(verdict(r, 'CE1').outcome).toBe('blocked');
    expect(verdict(runScenario('S8', { quirk: true }), 'CE1')).toMatchObject({
      outcome: 'delivered',
      vcpu: 0x11f,
    });
  });
  it('vIOMMU: the guest uses 0xFEE000B8; the copy hits host IRTE 5 → fault 0x22', () => {
    const r = runScenario('S8', { branch: 'viommu' });
    expect(verdict(r, 'MHI0')).toMatchObject({ outcome: 'delivered', guestVector: 0x30, vcpu: 0x11f });
    expect(find(r, (e) => e.kind === 'fault').payload).toMatchObject({ reason: 0x22, index: 5 });
  });
  it('no help: x2apic_set_max_apicid(255) — APIC ids 256–287 never come online (256 of 288 vCPUs run)', () => {
    const e = find(runScenario('S8', { branch: 'none' }), (x) => 'maxApicId' in x.payload);
    expect(e.payload).toEqual({ note: 'apic-limit', maxApicId: 255, vcpus: 288, online: 256, offline: 32 });
    expect(e.explanation).toMatch(/vCPUs 256–287 stay offline/);
    expect(e.refs).toContain('try_to_enable_x2apic');
  });
  it('without the quirk the ext-dest-id copy is blocked; the fault index is the handle bits of 0xFEE1F020: 0xf81', () => {
    const fault = find(runScenario('S8'), (e) => e.kind === 'fault' && e.source === 'CE1');
    expect(fault.payload).toMatchObject({ reason: 0x25, index: 0xf81 });
    expect(fault.payload.log).toBe(
      'DMAR: [INTR-REMAP] Request device [02:00.0] fault index 0xf81 [fault reason 0x25] Blocked a compatibility format interrupt request',
    );
  });
});

describe('S9 is Xen: QEMU xen_pt and Xen, no vfio-pci or KVM', () => {
  const r = runScenario('S9');
  it('Xen maps the pirq at IRTE 0, then XEN_DOMCTL_bind_pt_irq moves it to the guest vector 0x21', () => {
    expect(r.events.filter((e) => e.kind === 'ioctl').map((e) => e.payload.hypercall)).toEqual([
      'PHYSDEVOP_map_pirq',
      'XEN_DOMCTL_bind_pt_irq',
    ]);
    expect(r.events.filter((e) => e.kind === 'irte-write').map((e) => e.payload)).toMatchObject([
      { first: 0, count: 1, vector: 0x24, dest: 6, sid: 0x200 },
      { moved: 0, first: 0x21, vector: 0x24, dest: 6, sid: 0x200 },
    ]);
    expect(r.events.filter((e) => e.kind === 'msi-program').map((e) => e.payload.data)).toEqual([0, 0x21]);
    expect(r.events.find((e) => e.kind === 'irte-write' && e.payload.moved !== undefined)!.refs).toContain(
      'amd_iommu_msi_msg_update_ire',
    );
  });
  it('the guest copy 0xFEE00000/0x21 hits IRTE 0x21; Xen injects vector 0x21 — no vfio, no eventfd, no KVM route', () => {
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'irte-lookup').payload.irte).toBe(0x21);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
    expect(find(r, (e) => e.source === 'CE1' && e.kind === 'injection').refs).toContain('vmsi_deliver');
    expect(r.events.some((e) => e.to === 'vfio' || e.from === 'vfio' || e.kind === 'eventfd-signal')).toBe(
      false,
    );
    expect(r.events.some((e) => e.refs.some((ref) => ref.startsWith('vfio_') || ref === 'KVM_IRQFD'))).toBe(
      false,
    );
    expect(r.snapshots.at(-1)!.kvm.pirqs).toEqual([{ hostIrq: 150, gvec: 0x21, dest: 0 }]);
    expect(r.actorLabels).toMatchObject({ kvm: 'Xen hypervisor', qemu: 'QEMU xen_pt' });
  });
  it("a device outside the RFC's Xen list (0x1109) keeps IRTE 0: the rings' 0x21 finds no entry", () => {
    const x = runScenario('S9', { athDeviceId: '0x1109' });
    expect(x.events.find((e) => e.payload.gvecAsIrteIdx === false)!.payload).toMatchObject({
      device: 0x1109,
      gvecAsIrteIdx: false,
    });
    expect(verdict(x, 'MHI0').outcome).toBe('delivered');
    expect(verdict(x, 'CE1')).toMatchObject({ outcome: 'blocked', at: 'iommu' });
  });
});

describe('S10 bare-metal stale copy', () => {
  const r = runScenario('S10');
  it('rings copy 0xFEE03000/0x21; the IRQ moves to APIC 0 vector 0x33 and the capability changes', () => {
    expect(
      r.events.filter((e) => e.kind === 'mmio-write' && e.source === 'CE1').map((e) => e.payload.value),
    ).toEqual([0xfee03000, 0x100, 0x21]);
    expect(r.events.filter((e) => e.kind === 'msi-program').at(-1)!.payload).toMatchObject({
      address: 0xfee00000,
      data: 0x33,
    });
  });
  it('MHI follows the new message; CE1 hits the released vector: "3.33 No irq handler"', () => {
    expect(verdict(r, 'MHI0')).toMatchObject({ outcome: 'delivered', guestVector: 0x33, vcpu: 0 });
    expect(verdict(r, 'CE1')).toMatchObject({
      outcome: 'lost',
      why: '__common_interrupt: 3.33 No irq handler for vector',
    });
  });
  it('without the late affinity change the copy stays valid', () => {
    expect(verdict(runScenario('S10', { affinityChange: false }), 'CE1').outcome).toBe('delivered');
  });
});
