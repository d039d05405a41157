/** VFIO_DEVICE_SET_IRQS header checks and IRQ counts (vfio-config.md §8). */
import { describe, expect, it } from 'vitest';
import {
  checkSetIrqs,
  irqCount,
  msiQmax,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
} from '../../src/index';
import { device } from '../helpers/device';

const EVENTFD_TRIGGER = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;

describe('irq counts', () => {
  it('82576: MSI 1 (MMC), MSI-X 10, INTx 1, ERR 1 (PCIe), REQ 1', () => {
    const d = device('8086-10c9-82576-igb-sriov');
    expect([0, 1, 2, 3, 4].map((i) => irqCount(d, i))).toEqual([1, 1, 10, 1, 1]);
  });
  it('ICH8M AHCI: MSI 4; nointx hides INTx', () => {
    expect(irqCount(device('8086-2829-ich8m-ahci-sata'), 1)).toBe(4);
    expect(irqCount(device('8086-10c9-82576-igb-sriov', { nointx: true }), 0)).toBe(0);
  });
});

describe('header checks', () => {
  const d = device('8086-2829-ich8m-ahci-sata'); // MSI: 4 vectors
  const h = (o: Partial<{ argsz: number; flags: number; index: number; start: number; count: number }>) =>
    checkSetIrqs(d, { argsz: 20 + 16, flags: EVENTFD_TRIGGER, index: 1, start: 0, count: 4, ...o });
  it.each([
    ['4 eventfds for MSI', {}, 0],
    ['argsz below the header', { argsz: 19 }, -22],
    ['index 5', { index: 5 }, -22],
    ['start + count beyond the 4 vectors', { start: 1 }, -22],
    ['an unknown flag bit', { flags: EVENTFD_TRIGGER | 0x40 }, -22],
    [
      'two data types',
      { flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_TRIGGER },
      -22,
    ],
    ['payload shorter than count × 4', { argsz: 20 + 15 }, -22],
    [
      'disable: DATA_NONE, count 0',
      { flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, count: 0, argsz: 20 },
      0,
    ],
    [
      'MASK on MSI has no handler',
      { flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK, count: 1, argsz: 20 },
      -25,
    ],
    [
      'an index with 0 vectors cannot even be disabled',
      { index: 2, flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, count: 0, argsz: 20 },
      -22,
    ],
  ])('%s → %i', (_n, o, ret) => expect(h(o)).toBe(ret));
});

it('msi_qmax is ceil(log2 nvec)', () => {
  expect([1, 2, 3, 4, 16, 32].map(msiQmax)).toEqual([0, 1, 2, 2, 4, 5]);
});
