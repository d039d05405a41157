/**
 * Which built-in preset a dump is, so `vfio-explorer link` can name the preset (`device=<id>`) instead of
 * carrying the bytes: the explorer's presets are the real dumps in test/fixtures/lspci (first device of
 * each, as app/presets.ts loads them) and the reconstructed ath11k parts. The CLI ships without the
 * fixtures, so it knows them by digest; test/engine/cli-link-preset.test.ts checks every digest against
 * its fixture and the preset list.
 */
import { createHash } from 'node:crypto';
import { ath11kConfig } from '../devices/ath11k';

/** Preset id → SHA-256 of its config-space bytes (regenerate with the test's message when a fixture changes). */
export const FIXTURE_PRESET_DIGESTS: ReadonlyMap<string, string> = new Map([
  ['1002-7300-fiji-radeon-r9-fury-gpu', '5b4dfc6e6d32ee848ba9f7f2c1f7427e7e7a21a27ea38f6aa40c12f654315598'],
  ['1106-3483-vl805-xhci-usb3', '6a73b8a076aac6a44761a6e90b0254ce382e3ee717d41f01bf2547a06c74cca6'],
  ['1217-7136-oz711sp1-cardbus-bridge', 'cba1f527f7f858fc34b0bd9cb23c3d139339d97096b80183254a60071007e4e4'],
  ['15b3-1019-connectx5-ex-nic', '4d5a95c57d27178e60d747a779d504e71f95ab69e8edfc0908ff9992a4238c1e'],
  ['168c-003c-qca988x-ath10k-wifi', 'b79e07f3df4a14a9bab0c04af276cbc4597abc655f784ef8e0f3ef15c55f097d'],
  ['1af4-1000-virtio-net-qemu', '77b3d695804b2c19a123f56e3fb0f51a8d8a03ca2083eb40dab259356efd3ffc'],
  ['1b36-0010-qemu-nvme-sriov-pf', '1fad598e5b0452dc8ca10c604cda0bb5bbc4bbf3c27e6444b27f5d7bad636cf3'],
  ['8086-095a-wireless-7265-wifi', '3bbf06bc6f77713879d19faf41ded64df75cdd410f0437d62d1633259a7ae8bd'],
  ['8086-10c9-82576-igb-sriov', 'f8f522b73dad4a6a0f6f56b12d9d87db313f48078183f9a9e7a4728e9134d738'],
  ['8086-2829-ich8m-ahci-sata', 'eeaf3a412cf7b7bee7c4600595c89cfa07ae8541b63843fb0c0e8631042fe43c'],
  ['8086-284b-ich8-hda-audio', 'af53ee6a606265c291ce81695d02881fab7fd6025fc6f1b18d742d55eea4f72f'],
  ['8086-3408-x58-root-port', '205d724b3886e50c8c4e5b0b4e5d66597698230016b1a732fd8a1da13120287a'],
]);

export const configDigest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The preset whose bytes equal `bytes` exactly, or undefined. */
export function presetMatching(bytes: Uint8Array): string | undefined {
  const digest = configDigest(bytes);
  for (const [id, d] of FIXTURE_PRESET_DIGESTS) if (d === digest) return id;
  // The ath11k presets as app/presets.ts builds them.
  for (const [id, deviceId] of [
    ['qca6390', 0x1101],
    ['wcn6855', 0x1103],
  ] as const)
    if (configDigest(ath11kConfig({ deviceId, msi: 'host' })) === digest) return id;
  return undefined;
}
