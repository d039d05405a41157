/** VFIO_DEVICE_FEATURE: the core checks, vfio_check_feature, and the RFC's PCI_MSI_NOVIRT (§7). */
import { describe, expect, it } from 'vitest';
import {
  VFIO_DEVICE_FEATURE_GET as GET,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT as NOVIRT,
  VFIO_DEVICE_FEATURE_PROBE as PROBE,
  VFIO_DEVICE_FEATURE_SET as SET,
  VFIO_DEVICE_FEATURE_MASK,
} from '../../src/index';
import { device } from '../helpers/device';

const IGB = '8086-10c9-82576-igb-sriov';

it('exports the uapi constants', () => {
  expect([GET, SET, PROBE, VFIO_DEVICE_FEATURE_MASK, NOVIRT]).toEqual([
    0x10000, 0x20000, 0x40000, 0xffff, 11,
  ]);
});

describe('PCI_MSI_NOVIRT on a device with MSI', () => {
  it.each([
    ['PROBE', PROBE, 8, 0],
    ['PROBE|SET', PROBE | SET, 8, 0],
    ['PROBE|GET', PROBE | GET, 8, -22],
    ['GET', GET, 8, -22],
    ['SET|GET', SET | GET, 8, -22],
    ['no GET/SET/PROBE', 0, 8, -22],
    ['SET, argsz 7', SET, 7, -22],
    ['SET with an unknown flag bit', SET | (1 << 20), 8, -22],
  ])('%s → %i', (_n, flags, argsz, ret) => {
    const d = device(IGB);
    expect(d.deviceFeature(flags | NOVIRT, argsz)).toBe(ret);
    expect(d.state.novirt).toBe(false);
  });
  it('SET with argsz 8 applies it, once and for good (idempotent)', () => {
    const d = device(IGB);
    expect(d.deviceFeature(SET | NOVIRT, 8)).toBe(0);
    expect(d.state.novirt).toBe(true);
    expect(d.deviceFeature(SET | NOVIRT, 64)).toBe(0);
  });
});

it('a device without MSI gets -ENOTTY, even for PROBE', () => {
  const d = device('15b3-1019-connectx5-ex-nic');
  expect(d.deviceFeature(PROBE | NOVIRT, 8)).toBe(-25);
  expect(d.deviceFeature(SET | NOVIRT, 8)).toBe(-25);
});

it('a kernel without the RFC does not know feature 11', () => {
  const d = device(IGB, { rfc: false });
  expect(d.deviceFeature(PROBE | NOVIRT, 8)).toBe(-25);
  expect(d.deviceFeature(SET | NOVIRT, 8)).toBe(-25);
});

describe('other features as plain vfio-pci answers them', () => {
  it('migration and dirty logging: no ops → -ENOTTY', () => {
    const d = device(IGB);
    for (const f of [1, 2, 6, 7, 8, 9]) expect(d.deviceFeature(PROBE | f, 8)).toBe(-25);
  });
  it('BUS_MASTER (vfio-cdx only) and unknown numbers → -ENOTTY', () => {
    const d = device(IGB);
    expect(d.deviceFeature(SET | 10, 8)).toBe(-25);
    expect(d.deviceFeature(SET | 42, 8)).toBe(-25);
  });
  it('low-power entry: SET only; a second entry is -EINVAL until exit', () => {
    const d = device(IGB);
    expect(d.deviceFeature(GET | 3, 8)).toBe(-22);
    expect(d.deviceFeature(SET | 3, 8)).toBe(0);
    expect(d.state.lowPower).toBe('engaged');
    expect(d.deviceFeature(SET | 3, 8)).toBe(-22);
    expect(d.deviceFeature(SET | 5, 8)).toBe(0);
    expect(d.state.lowPower).toBe('off');
  });
  it('low-power entry with wake-up needs its 8-byte payload', () => {
    const d = device(IGB);
    expect(d.deviceFeature(SET | 4, 8)).toBe(-22);
    expect(d.deviceFeature(SET | 4, 16)).toBe(0);
  });
  it('VF token: -ENOTTY without SR-IOV; SET with a 16-byte UUID on an SR-IOV PF', () => {
    expect(device('8086-095a-wireless-7265-wifi').deviceFeature(SET | 0, 24)).toBe(-25);
    const pf = device(IGB);
    expect(pf.deviceFeature(GET | 0, 24)).toBe(-22);
    expect(pf.deviceFeature(SET | 0, 23)).toBe(-22);
    expect(pf.deviceFeature(SET | 0, 24)).toBe(0);
  });
  it('argsz below the 8-byte header is -EINVAL before anything else', () => {
    expect(device(IGB).deviceFeature(PROBE | 1, 4)).toBe(-22);
  });
});
