/**
 * The patch panel's return paths are engine calls: on an MSI device with the RFC kernel each one answers
 * what its claim says; on a kernel without the RFC every feature call is -ENOTTY, which the panel shows.
 */
import { expect, it } from 'vitest';
import { ath11kConfig, decodeConfig } from '../../src/index';
import { PATCH_HUNKS } from '../../app/walkthroughs/content/patch';
import { runPatchCall } from '../../app/walkthroughs/patch-effects';
import { fixtureBytes } from '../helpers/fixtures';

const EFFECTS = PATCH_HUNKS.flatMap((h) => h.effects.map((e) => [e.claim, e] as const));
const DEVICES = [
  ['QCA6390 (32-bit MSI)', ath11kConfig({ deviceId: 0x1101, msi: 'host' })],
  ['Intel 7265 (64-bit MSI)', fixtureBytes('8086-095a-wireless-7265-wifi')],
] as const;

it.each(DEVICES)('on %s every return path is what the patch text claims', (_, bytes) => {
  const decoded = decodeConfig(bytes);
  for (const [claim, e] of EFFECTS)
    expect(runPatchCall(e.call, bytes, decoded, 'v6.11-rfc').value, claim).toBe(e.rfcAnswer);
});

it('the four hunks are cited by file and function, and the unreachable -EINVAL is answered -ENOTTY', () => {
  expect(PATCH_HUNKS.map((h) => h.where.split(' — ')[0])).toEqual([
    'drivers/vfio/pci/vfio_pci_config.c',
    'drivers/vfio/pci/vfio_pci_core.c',
    'drivers/vfio/pci/vfio_pci_priv.h',
    'include/uapi/linux/vfio.h',
  ]);
  const bytes = DEVICES[0][1];
  const set = runPatchCall(
    { kind: 'feature', op: 'set', device: 'without-msi' },
    bytes,
    decodeConfig(bytes),
    'v6.11-rfc',
  );
  expect(set).toEqual({ value: -25, shown: '-ENOTTY' });
});

it('without the RFC every feature call is -ENOTTY and the panel says SET failed', () => {
  const bytes = DEVICES[0][1];
  const decoded = decodeConfig(bytes);
  for (const [, e] of EFFECTS) {
    const got = runPatchCall(e.call, bytes, decoded, 'v6.11');
    if (e.call.kind === 'feature') expect(got.value).toBe(-25);
    else expect(got.shown).toBe('SET returned -ENOTTY');
  }
});
