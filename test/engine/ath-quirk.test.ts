/**
 * The RFC's QEMU ath quirk (20240812170045.1584000-1-alex.williamson@redhat.com): the probe's gate by
 * vendor/device/BAR/MSI, the trap window per device id, and how an 8-byte ring store reaches
 * vfio_ath_quirk_write (system/memory.c access_with_adjusted_size, system/physmem.c memory_access_size).
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioResult, type TimelineEvent } from '../../src/index';
import { verdict } from '../helpers/scenario-run';
import { athQuirkProbe, quirkStep, splitForQuirk } from '../../src/scenario/models/ath-quirk';

const events = (r: ScenarioResult, pred: (e: TimelineEvent) => boolean) => r.events.filter(pred);
const featureCalls = (r: ScenarioResult) =>
  events(r, (e) => e.kind === 'ioctl' && e.payload.ioctl === 'VFIO_DEVICE_FEATURE');
const trapWindow = (r: ScenarioResult) =>
  events(r, (e) => e.kind === 'log' && e.payload.region === 'vfio-ath-quirk');

describe('vfio_probe_ath_bar0_quirk gates everything', () => {
  it.each([
    [0x1101, 'ath11k', 0x80000, 0x40000],
    [0x1103, 'ath11k', 0x80000, 0x40000],
    [0x1104, 'ath11k', 0x80000, 0x40000],
    [0x1107, 'ath12k', 0x1e00000, 0x80000],
    [0x1109, 'ath12k', 0x1e00000, 0x80000],
  ])('17cb:%s on BAR0 with MSI → %s window %s + %s', (device, driver, base, size) => {
    const d = athQuirkProbe({ bar: 0, vendor: 0x17cb, device, msiPresent: true });
    expect(d).toMatchObject({ match: true, window: { driver, base, size } });
  });
  it('anything else is turned away before the feature call, with the reason', () => {
    expect(athQuirkProbe({ bar: 0, vendor: 0x17cb, device: 0x1112, msiPresent: true })).toEqual({
      match: false,
      reason: "device 0x1112 is not in the RFC's list (0x1101, 0x1103, 0x1104, 0x1107, 0x1109)",
    });
    expect(athQuirkProbe({ bar: 2, vendor: 0x17cb, device: 0x1103, msiPresent: true })).toMatchObject({
      match: false,
      reason: 'BAR2 is not BAR0',
    });
    expect(athQuirkProbe({ bar: 0, vendor: 0x168c, device: 0x1103, msiPresent: true })).toMatchObject({
      match: false,
      reason: 'vendor 0x168c is not Qualcomm (0x17cb)',
    });
    expect(athQuirkProbe({ bar: 0, vendor: 0x17cb, device: 0x1103, msiPresent: false })).toMatchObject({
      match: false,
      reason: 'the device has no MSI capability',
    });
  });

  it('S3 default (17cb:1103, tested): one feature call, then the trap window as a structured event', () => {
    const r = runScenario('S3');
    expect(featureCalls(r).map((e) => e.payload)).toEqual([
      { ioctl: 'VFIO_DEVICE_FEATURE', flags: 0x2000b, argsz: 8, ret: 0, device: 0x1103 },
    ]);
    expect(trapWindow(r).map((e) => e.payload)).toMatchObject([
      {
        region: 'vfio-ath-quirk',
        bar: 0,
        base: 0x80000,
        size: 0x40000,
        end: 0xbffff,
        priority: 1,
        validMin: 4,
        validMax: 8,
        driver: 'ath11k',
        device: 0x1103,
        tested: true,
        barSize: 0x200000,
        reachable: true,
      },
    ]);
    expect(r.snapshots.at(-1)!.qemu.quirk).toEqual({ base: 0x80000, size: 0x40000, msiDataAddr: 0 });
  });
  it('an untested listed id (0x1101) gets the same window, marked untested, and works', () => {
    const r = runScenario('S3', { athDeviceId: '0x1101' });
    expect(trapWindow(r)[0].payload).toMatchObject({ device: 0x1101, tested: false, base: 0x80000 });
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
  });
  it('ath12k (0x1109): the trap sits at BAR0 0x1e00000, past the modelled 2 MiB BAR0 — never hit, S2 behaviour', () => {
    const r = runScenario('S3', { athDeviceId: '0x1109' });
    expect(featureCalls(r)).toHaveLength(1);
    expect(trapWindow(r)[0].payload).toMatchObject({
      driver: 'ath12k',
      base: 0x1e00000,
      size: 0x80000,
      end: 0x1e7ffff,
      barSize: 0x200000,
      reachable: false,
    });
    expect(events(r, (e) => e.to === 'qemu' && e.kind === 'mmio-write')).toEqual([]);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'blocked', at: 'iommu' });
  });
  it('an id the RFC does not list (QCC2072, 0x1112): no feature call, no trap, vconfig stays virtualized', () => {
    const r = runScenario('S3', { athDeviceId: '0x1112' });
    expect(featureCalls(r)).toEqual([]);
    expect(trapWindow(r)).toEqual([]);
    expect(r.events[0].payload).toMatchObject({
      probe: 'vfio_probe_ath_bar0_quirk',
      bar: 0,
      vendor: 0x17cb,
      device: 0x1112,
      match: false,
      why: "device 0x1112 is not in the RFC's list (0x1101, 0x1103, 0x1104, 0x1107, 0x1109)",
    });
    expect(r.snapshots.at(-1)!.vfio.novirt).toBe(false);
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'blocked', at: 'iommu' });
  });
  it('a plain Intel MSI device with the quirk option on: the probe declines on the vendor', () => {
    const r = runScenario('S3', { device: 'plain-msi' });
    expect(featureCalls(r)).toEqual([]);
    expect(r.events[0].payload).toMatchObject({ vendor: 0x8086, match: false });
  });
});

describe('an 8-byte ring store reaches the quirk as two 4-byte writes, low half first', () => {
  it('splitForQuirk: 8-aligned → access_with_adjusted_size; 4-aligned → memory_access_size', () => {
    const v = 0xfee00000n | (0x100n << 32n);
    expect(splitForQuirk(0x3048, 8, v)).toEqual({
      by: 'access_with_adjusted_size',
      parts: [
        { offset: 0x3048, value: 0xfee00000 },
        { offset: 0x304c, value: 0x100 },
      ],
    });
    expect(splitForQuirk(0x3849c, 8, v).by).toBe('memory_access_size');
    expect(splitForQuirk(0x3050, 4, 0x21n)).toEqual({ by: null, parts: [{ offset: 0x3050, value: 0x21 }] });
  });

  it('S4 wide-store: CE1 LSB+MSB as one store; the low half is substituted and arms +8; delivered', () => {
    const r = runScenario('S4', { branch: 'wide-store' });
    const ce1 = events(
      r,
      (e) => e.source === 'CE1' && e.seq < events(r, (x) => x.kind === 'msi-write')[0].seq,
    );
    expect(ce1.map((e) => [e.from, e.to, e.kind])).toEqual([
      ['guest-driver', 'qemu', 'mmio-write'],
      ['qemu', 'qemu', 'log'],
      ['qemu', 'vfio', 'config-read'],
      ['qemu', 'device', 'mmio-write'],
      ['qemu', 'device', 'mmio-write'],
      ['guest-driver', 'qemu', 'mmio-write'],
      ['qemu', 'vfio', 'config-read'],
      ['qemu', 'device', 'mmio-write'],
    ]);
    expect(ce1[0].payload).toMatchObject({
      bar: 0,
      offset: 0x83048,
      size: 8,
      value: 0xfee00000,
      valueHi: 0x100,
      trap: 'ath-quirk',
    });
    expect(ce1[1].payload).toMatchObject({
      split: 'access_with_adjusted_size',
      offsets: [0x83048, 0x8304c],
      values: [0xfee00000, 0x100],
    });
    expect(ce1[3].payload).toMatchObject({
      bar: 0,
      offset: 0x83048,
      size: 4,
      value: 0xfee00578,
      guestValue: 0xfee00000,
      half: 'low',
    });
    expect(ce1[4].payload).toMatchObject({
      bar: 0,
      offset: 0x8304c,
      size: 4,
      value: 0x100,
      guestValue: 0x100,
      half: 'high',
    });
    expect(ce1[7].payload).toMatchObject({ bar: 0, offset: 0x83050, size: 4, value: 0, guestValue: 0x21 });
    // The armed slot is window-relative, as the RFC's msi_data_addr: 0x83048 - 0x80000 + 8.
    expect(r.snapshots[ce1[2].seq].qemu.quirk).toMatchObject({ msiDataAddr: 0x3050 });
    expect(r.snapshots[ce1[7].seq].qemu.quirk).toMatchObject({ msiDataAddr: 0 });
    expect(r.snapshots[ce1[7].seq].device.rings).toContainEqual({
      offset: 0x83048,
      name: 'CE1',
      lsb: 0xfee00578,
      msb: 0x100,
      data: 0,
    });
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
  });

  it('S3 ringWrites "wide": every ring delivered; DP5 (0xb849c, 4-aligned) is split by memory_access_size', () => {
    const r = runScenario('S3', { ringWrites: 'wide' });
    expect(r.verdicts.every((v) => v.outcome === 'delivered')).toBe(true);
    expect(r.verdicts).toHaveLength(14);
    const split = events(r, (e) => e.source === 'DP5' && e.payload.split !== undefined)[0];
    expect(split.payload).toMatchObject({
      split: 'memory_access_size',
      offsets: [0xb849c, 0xb84a0],
      values: [0xfee00000, 0x100],
    });
  });
  it('without the quirk an 8-byte store reaches the device whole, and the copy is the guest message (fault 0x25)', () => {
    const r = runScenario('S2', { ringWrites: 'wide' });
    expect(events(r, (e) => e.source === 'CE1' && e.kind === 'mmio-write')[0].payload).toEqual({
      bar: 0,
      offset: 0x83048,
      size: 8,
      value: 0xfee00000,
      valueHi: 0x100,
    });
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'blocked', at: 'iommu' });
  });
});

describe('vfio_ath_quirk_write on one 4-byte write', () => {
  const single = { enabled: true, address: 0xfee00000, data: 0x21, vectors: 1 };
  it('the guest address arms addr + 8; the data there is matched against the base', () => {
    expect(quirkStep(0x3048, 0xfee00000, 0, single)).toEqual({ kind: 'address', armed: 0x3050 });
    expect(quirkStep(0x3050, 0x21, 0x3050, single)).toEqual({ kind: 'data', vectorOffset: 0 });
    expect(quirkStep(0x3050, 0x35, 0x3050, single)).toEqual({ kind: 'data-mismatch', mask: 0 });
    expect(quirkStep(0x3054, 0x21, 0x3050, single)).toEqual({ kind: 'pass' });
  });
  it('multi-vector (Windows, 16): mask 0xf keeps the vector offset; MSI off in QEMU → nothing', () => {
    const windows = { enabled: true, address: 0xfee01000, data: 0x40, vectors: 16 };
    expect(quirkStep(0x3050, 0x45, 0x3050, windows)).toEqual({ kind: 'data', vectorOffset: 5 });
    expect(quirkStep(0x3050, 0x50, 0x3050, windows)).toEqual({ kind: 'data-mismatch', mask: 0xf });
    expect(quirkStep(0x3048, 0xfee00000, 0, { ...single, enabled: false })).toEqual({ kind: 'pass' });
  });
});
