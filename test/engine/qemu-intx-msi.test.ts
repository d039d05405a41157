/**
 * INTx around MSI (hw/vfio/pci.c vfio_intx_enable / vfio_intx_disable / vfio_msi_enable / vfio_msi_disable)
 * and short MSI grants (the kernel's vfio_msi_enable returning the count it got; QEMU retrying with it),
 * with the exact VFIO_DEVICE_SET_IRQS headers the timeline shows.
 */
import { describe, expect, it } from 'vitest';
import { createVfioDevice, runScenario, type ScenarioResult, type TimelineEvent } from '../../src/index';
import { ath11kConfig } from '../../src/devices/ath11k';
import { hostMsiGrant, vfioSetIrqs } from '../../src/vfio/set-irqs';

const SET_IRQS = 'VFIO_DEVICE_SET_IRQS';
const irqEvents = (events: readonly TimelineEvent[]) =>
  events
    .filter((e) => e.kind === 'ioctl' && (e.payload.ioctl === SET_IRQS || e.payload.ioctl === 'KVM_IRQFD'))
    .map((e) => {
      const { ioctl, argsz, flags, index, start, count, eventfds, ret, fd, gsi, resamplefd } = e.payload;
      return ioctl === SET_IRQS
        ? { ioctl, argsz, flags, index, start, count, eventfds, ret }
        : { ioctl, fd, gsi, flags, ...(resamplefd === undefined ? {} : { resamplefd }) };
    });

// The exact sequences, flags spelled out: DATA_NONE 0x01, DATA_EVENTFD 0x04, MASK 0x08, UNMASK 0x10, TRIGGER 0x20.
const INTX_ENABLE = [
  { ioctl: SET_IRQS, argsz: 24, flags: 0x24, index: 0, start: 0, count: 1, eventfds: 'INTx', ret: 0 },
  { ioctl: SET_IRQS, argsz: 20, flags: 0x09, index: 0, start: 0, count: 1, eventfds: '', ret: 0 },
  { ioctl: 'KVM_IRQFD', fd: 'INTx', gsi: 16, flags: 2, resamplefd: 'INTx-unmask' },
  { ioctl: SET_IRQS, argsz: 24, flags: 0x14, index: 0, start: 0, count: 1, eventfds: 'INTx-unmask', ret: 0 },
  { ioctl: SET_IRQS, argsz: 20, flags: 0x11, index: 0, start: 0, count: 1, eventfds: '', ret: 0 },
];
const INTX_DISABLE = [
  { ioctl: SET_IRQS, argsz: 20, flags: 0x09, index: 0, start: 0, count: 1, eventfds: '', ret: 0 },
  { ioctl: 'KVM_IRQFD', fd: 'INTx', gsi: 16, flags: 1 },
  { ioctl: SET_IRQS, argsz: 20, flags: 0x11, index: 0, start: 0, count: 1, eventfds: '', ret: 0 },
  { ioctl: SET_IRQS, argsz: 20, flags: 0x21, index: 0, start: 0, count: 0, eventfds: '', ret: 0 },
];
const msiOn = (n: number, ret = 0) => ({
  ioctl: SET_IRQS,
  argsz: 20 + 4 * n,
  flags: 0x24,
  index: 1,
  start: 0,
  count: n,
  eventfds: Array.from({ length: n }, (_, k) => `E${k}`).join(','),
  ret,
});
const MSI_OFF = {
  ioctl: SET_IRQS,
  argsz: 20,
  flags: 0x21,
  index: 1,
  start: 0,
  count: 0,
  eventfds: '',
  ret: 0,
};

const at = (r: ScenarioResult, pred: (e: TimelineEvent) => boolean) => r.events.findIndex(pred);
const snap = (r: ScenarioResult, i: number) => r.snapshots[i] as Record<string, Record<string, unknown>>;

describe('INTx lifecycle (vfio_intx_enable / vfio_intx_disable)', () => {
  it('realize enables INTx with a trigger eventfd and KVM’s resample irqfd: the first five events', () => {
    const r = runScenario('S2');
    expect(irqEvents(r.events.slice(0, 5))).toEqual(INTX_ENABLE);
    expect(snap(r, 4).vfio.irqType).toBe('intx');
    expect(snap(r, 4).qemu).toMatchObject({ interrupt: 'intx', intx: { pin: 1, gsi: 16, kvmAccel: true } });
    expect((snap(r, 4).kvm.irqfds as unknown[]).at(0)).toEqual({ eventfd: 'INTx', gsi: 16 });
  });
  it('with the ath quirk, its feature probe (a BAR quirk) comes before INTx, as in vfio_pci_realize', () => {
    const r = runScenario('S3');
    expect(r.events[0].payload.ioctl).toBe('VFIO_DEVICE_FEATURE');
    expect(irqEvents(r.events).slice(0, 5)).toEqual(INTX_ENABLE);
  });
  it('the guest enabling MSI tears INTx down first, then QEMU enables the MSI index', () => {
    const r = runScenario('S2');
    const enable = at(r, (e) => e.payload.transition === 'msi-enable');
    const msi = at(r, (e) => e.payload.ioctl === SET_IRQS && e.payload.index === 1);
    expect(irqEvents(r.events.slice(enable, msi + 1))).toEqual([...INTX_DISABLE, msiOn(1)]);
    expect(snap(r, msi - 1).vfio.irqType).toBe('none');
    expect(snap(r, msi).qemu.interrupt).toBe('msi');
    expect(snap(r, msi).vfio.irqType).toBe('msi');
  });
  it('the guest disabling MSI re-enables INTx; enabling it again tears INTx down again (S3 guestToggleMsi)', () => {
    const r = runScenario('S3', { guestToggleMsi: true });
    const off = at(r, (e) => e.payload.transition === 'msi-disable');
    const seq = irqEvents(r.events.slice(off));
    expect(seq.slice(0, 1 + INTX_ENABLE.length)).toEqual([MSI_OFF, ...INTX_ENABLE]);
    expect(seq.slice(1 + INTX_ENABLE.length, 2 + INTX_ENABLE.length + INTX_DISABLE.length)).toEqual([
      ...INTX_DISABLE,
      msiOn(1),
    ]);
    const reroute = r.events.filter((e) => e.kind === 'route-update' && e.payload.eventfd === 'E0');
    expect(reroute.map((e) => e.payload.gsi)).toEqual([24, 24]); // kvm_irqchip_get_virq: lowest free GSI again
  });
  it('MSI-X enable tears INTx down too (vfio_msix_enable → vfio_disable_interrupts)', () => {
    const r = runScenario('S6');
    const seq = irqEvents(r.events);
    expect(seq.slice(0, 5)).toEqual(INTX_ENABLE);
    expect(seq.slice(5, 10)).toEqual([
      ...INTX_DISABLE,
      { ioctl: SET_IRQS, argsz: 24, flags: 0x24, index: 2, start: 0, count: 1, eventfds: '-1', ret: 0 },
    ]);
  });
});

describe('vfio-pci takes one interrupt type at a time (vfio_pci_set_msi_trigger, vfio_pci_set_intx_trigger)', () => {
  const dev = () => createVfioDevice(ath11kConfig({ msi: 'fresh' }));
  const platform = { multiMsi: true };
  const intxOn = { argsz: 24, flags: 0x24, index: 0, start: 0, count: 1 };
  it('MSI while INTx is set up is -EINVAL; after INTx is disabled it succeeds', () => {
    const d = dev();
    expect(vfioSetIrqs(d, intxOn, platform)).toBe(0);
    expect(d.state.irqType).toBe('intx');
    expect(vfioSetIrqs(d, { argsz: 24, flags: 0x24, index: 1, start: 0, count: 1 }, platform)).toBe(-22);
    expect(vfioSetIrqs(d, { argsz: 20, flags: 0x21, index: 0, start: 0, count: 0 }, platform)).toBe(0);
    expect(d.state.irqType).toBe('none');
    expect(vfioSetIrqs(d, { argsz: 24, flags: 0x24, index: 1, start: 0, count: 1 }, platform)).toBe(0);
    expect(d.state.irqType).toBe('msi');
    expect(vfioSetIrqs(d, intxOn, platform)).toBe(-22); // and INTx while MSI is on
  });
  it('INTx mask/unmask need INTx active, start 0 and count 1; an eventfd mask is -ENOTTY', () => {
    const d = dev();
    expect(vfioSetIrqs(d, { argsz: 20, flags: 0x09, index: 0, start: 0, count: 1 }, platform)).toBe(-22);
    vfioSetIrqs(d, intxOn, platform);
    expect(vfioSetIrqs(d, { argsz: 20, flags: 0x09, index: 0, start: 0, count: 1 }, platform)).toBe(0);
    expect(vfioSetIrqs(d, { argsz: 24, flags: 0x0c, index: 0, start: 0, count: 1 }, platform)).toBe(-25);
  });
  it('a short grant returns the count the host could give and leaves no interrupt type set', () => {
    expect(hostMsiGrant(32, 1, { multiMsi: false })).toBe(1);
    expect(hostMsiGrant(32, 1, { multiMsi: true })).toBe(32);
    expect(hostMsiGrant(8, 2, { multiMsi: false })).toBe(8); // MSI-X has no multi-MSI restriction
    const d = dev();
    const h = { argsz: 20 + 4 * 32, flags: 0x24, index: 1, start: 0, count: 32 };
    expect(vfioSetIrqs(d, h, { multiMsi: false })).toBe(1);
    expect(d.state.irqType).toBe('none');
    expect(vfioSetIrqs(d, { ...h, argsz: 24, count: 1 }, { multiMsi: false })).toBe(0);
    expect(d.state).toMatchObject({ irqType: 'msi', msiQmax: 0 });
  });
});

describe('partial multi-MSI grant in a VM (QEMU vfio_msi_enable retry)', () => {
  // A Windows-like guest asks for 16 vectors; the host has no interrupt remapping, so it can give one.
  const r = runScenario('S2', { guest: 'windows', vectors: 16, ir: 'none' });
  const first = at(r, (e) => e.payload.ioctl === SET_IRQS && e.payload.index === 1);
  it('the first SET_IRQS asks for 16 and gets 1 back; QEMU releases 16 routes and retries with 1', () => {
    expect(r.events[first]).toMatchObject({ outcome: 'blocked', payload: msiOn(16, 1) });
    expect(r.events[first + 1].payload).toEqual({ requested: 16, granted: 1 });
    expect(r.events[first + 2].payload).toMatchObject({
      released: 16,
      gsis: Array.from({ length: 16 }, (_, k) => 24 + k),
    });
    expect(r.events[first + 3].payload).toMatchObject({ gsi: 24, eventfd: 'E0', data: 0x40 });
    expect(r.events[first + 4]).toMatchObject({ outcome: 'ok', payload: msiOn(1) });
  });
  it('the guest’s QSIZE stays 16; only vector 0 has an eventfd and a route; the host runs one vector', () => {
    const last = r.snapshots.length - 1;
    const qemu = snap(r, last).qemu;
    expect(qemu.msi).toMatchObject({ enabled: true, vectors: 16 });
    expect(qemu.vectors).toEqual([{ nr: 0, eventfd: 'E0', virq: 24 }]);
    expect(snap(r, last).vfio).toMatchObject({ irqType: 'msi', msiQmax: 0 });
    expect(snap(r, last).device.msi).toMatchObject({ vectors: 1 });
    expect((snap(r, last).kvm.routes as { gsi: number }[]).map((x) => x.gsi)).toEqual([24]);
  });
  it('is no longer refused as an option combination (bare metal still is: its driver asks the host itself)', () => {
    expect(r.options).toMatchObject({ guest: 'windows', vectors: 16, ir: 'none' });
    expect(() => runScenario('S1', { ir: 'none' })).toThrow(/impossible together on bare metal/);
  });
});
