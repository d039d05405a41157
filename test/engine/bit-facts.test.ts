/**
 * What the bitmap's hover card says about one bit (app/bitmap/bit-facts.ts). On a device vfio-pci refuses
 * (a type-1 header: vfio_pci_core_register_device returns -EINVAL) there is no guest or VMM view and no
 * permission table, so the card must not report values "from hardware" or "writes dropped" for them.
 */
import { expect, it } from 'vitest';
import { createSession } from '../../src/index';
import { bitFacts, NOT_BOUND } from '../../app/bitmap/bit-facts';
import { fixtureBytes } from '../helpers/fixtures';

it('a refused device (X58 root port) has no guest or VMM value and says it is not bound', () => {
  const s = createSession({ bytes: fixtureBytes('8086-3408-x58-root-port'), ops: [] });
  expect(s.refusal).toMatch(/type 1/);
  const f = bitFacts(s, 0x04 * 8 + 1, 'perm'); // PCI_COMMAND_MEMORY
  expect(f).toMatchObject({ guest: null, vmm: null, permission: NOT_BOUND });
  expect(f.physical).toBe(s.views.physical[0x04] & 2 ? 1 : 0);
});

it('a bound device (Intel 7265) keeps its three values and its permission class', () => {
  const s = createSession({ bytes: fixtureBytes('8086-095a-wireless-7265-wifi'), ops: [] });
  expect(s.refusal).toBeNull();
  // PCI_COMMAND_INTX_DISABLE (bit 10): the one virtual COMMAND bit, writable (init_pci_cap_basic_perm).
  // The dump has it set; vfio_pci_core_enable clears it on a device that supports INTx masking.
  const f = bitFacts(s, 0x05 * 8 + 2, 'perm');
  expect(f).toMatchObject({ guest: 0, vmm: 0, physical: 0, permission: 'virtualized, writable (vconfig)' });
  expect(s.views.physical[0x05] & 4).toBe(0);
});
