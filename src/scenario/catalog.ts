/**
 * What is known about the scenarios without running one: their ids, the options every scenario takes
 * (with their defaults) and the branches of S4 and S8. Share links read this; it is kept apart from the
 * scripts so opening a link does not load the whole simulator.
 */
import type { ScenarioOptions } from './world';

export const SCENARIO_IDS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10'] as const;

/** Every scenario's options start from these (interrupt-paths.md's reference machine). */
export const BASE_OPTIONS: ScenarioOptions = {
  ir: 'intel',
  posted: false,
  kernel: 'v6.11-rfc',
  quirk: false,
  vectors: 32,
  guest: 'linux',
  vcpus: 4,
  viommu: false,
  extDestId: false,
  vcpuState: 'running',
  affinityChange: false,
  ringWrites: 'lsb-msb-data',
  guestToggleMsi: false,
  device: 'ath11k',
  athDeviceId: '0x1103',
};

/** Sub-cases; the first is the default. */
export const SCENARIO_BRANCHES: Readonly<Record<string, readonly string[]>> = {
  S4: ['ims', 'ims-same-address', 'wide-store', 'retarget'],
  S8: ['ext-dest-id', 'viommu', 'none'],
};
