/** createSession({ patch }): the op-log replayed on the kernel and on the patched kernel, side by side. */
import { expect, it } from 'vitest';
import { builtinPatch, createSession, permPatchOrThrow } from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';
import { maskAt } from '../helpers/device';

const novirt = permPatchOrThrow(builtinPatch('novirt')!.text, 'novirt');

it('82576: a VMM write of the MSI address lands in vconfig before the patch and is dropped after it', () => {
  const bytes = fixtureBytes('8086-10c9-82576-igb-sriov');
  const s = createSession({
    bytes,
    kernel: 'v6.11',
    ops: [{ kind: 'write', as: 'vmm', offset: 0x54, size: 4, value: 0xfee01004 }],
    patch: novirt,
  });
  const d = s.patchDiff!;
  expect(s.results[0]).toMatchObject({
    kind: 'write',
    result: { toVconfig: 0xffffffff, toHardware: 0, dropped: 0 },
  });
  expect(d.results[0]).toMatchObject({
    kind: 'write',
    result: { toVconfig: 0, toHardware: 0, dropped: 0xffffffff },
  });
  expect(maskAt(s.views.vmm, 0x54, 4)).toBe(0xfee01004);
  expect(maskAt(d.views.vmm, 0x54, 4)).toBe(maskAt(bytes, 0x54, 4));
  expect(maskAt(d.before.virt, 0x54, 4)).toBe(0xffffffff);
  expect(maskAt(d.after.virt, 0x54, 4)).toBe(0);
  expect(d.warnings).toEqual([]);
  expect(createSession({ bytes, ops: [] }).patchDiff).toBeNull();
});
