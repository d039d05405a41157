/**
 * A Qualcomm ath11k (WCN6855 17cb:1103 / QCA6390 17cb:1101) config space, RECONSTRUCTED: no complete
 * hex dump of these parts is public. Built from the facts quoted on linux-wireless and in
 * interrupt-paths.md §0: MSI at 0x50, 32-bit address with per-vector masking, 32 vectors (Count=x/32),
 * PCIe v2 endpoint at 0x70, BAR0 64-bit non-prefetchable. Everything else is a plausible filler and is
 * labelled so wherever it is shown.
 */
import { writeLE } from '../util/bytes';

export const ATH11K_RECONSTRUCTION_NOTE =
  'Reconstructed, not dumped: MSI@0x50 (32-bit, maskable, 32 vectors) and PCIe v2 endpoint@0x70 come from lspci lines quoted on linux-wireless; PM@0x40, AER@0x100, L1SS@0x148 and the BAR address are plausible fillers.';

export interface Ath11kConfigOptions {
  /** Default 0x1103 (WCN6855); scenarios also use the ath12k ids to exercise the quirk's probe. */
  readonly deviceId?: number;
  /** 'fresh': MSI off and zeroed (before any driver); 'host': as the host left it for a 1-vector guest. */
  readonly msi?: 'fresh' | 'host';
}

export function ath11kConfig(o: Ath11kConfigOptions = {}): Uint8Array {
  const b = new Uint8Array(4096);
  writeLE(b, 0x00, 2, 0x17cb);
  writeLE(b, 0x02, 2, o.deviceId ?? 0x1103);
  writeLE(b, 0x04, 2, 0x0406);
  writeLE(b, 0x06, 2, 0x0010);
  writeLE(b, 0x08, 4, 0x02800001); // network controller / other, revision 1
  b[0x0c] = 0x10;
  writeLE(b, 0x10, 4, 0xd2000004); // BAR0: 64-bit memory at 0xd2000000 (2 MiB)
  writeLE(b, 0x2c, 2, 0x17cb);
  writeLE(b, 0x2e, 2, 0x0108);
  b[0x34] = 0x40;
  b[0x3c] = 0xff;
  b[0x3d] = 0x01;
  // PM v3 → MSI
  writeLE(b, 0x40, 4, 0xc8035001);
  writeLE(b, 0x44, 4, 0x00000008);
  // MSI: 32-bit address, maskable, Multiple Message Capable = 32 (QMASK 5)
  b[0x50] = 0x05;
  b[0x51] = 0x70;
  const host = o.msi === 'host';
  writeLE(b, 0x52, 2, 0x010a | (host ? 0x0001 : 0));
  writeLE(b, 0x54, 4, host ? 0xfee00578 : 0);
  writeLE(b, 0x58, 2, 0);
  writeLE(b, 0x5c, 4, host ? 0xfffffffe : 0);
  // PCIe v2 endpoint, FLR capable, MaxPayload 256
  b[0x70] = 0x10;
  b[0x71] = 0x00;
  writeLE(b, 0x72, 2, 0x0002);
  writeLE(b, 0x74, 4, 0x10008fc1);
  writeLE(b, 0x78, 2, 0x2030);
  writeLE(b, 0x7c, 4, 0x00477c12); // x1, 5 GT/s, ASPM L0s/L1
  writeLE(b, 0x82, 2, 0x1012);
  writeLE(b, 0x94, 4, 0x00000c1f);
  writeLE(b, 0x9c, 4, 0x00000006);
  // AER v1 → L1 PM Substates (hidden by vfio-pci)
  writeLE(b, 0x100, 4, 0x14810001);
  writeLE(b, 0x148, 4, 0x0001001e);
  writeLE(b, 0x14c, 4, 0x0028281f);
  return b;
}

/** The 13 ring register groups Alex traced (BAR0 offsets of MSI1_BASE_LSB; MSB at +4, DATA at +8). */
export const TRACED_RING_OFFSETS = [
  0x80048, 0x83048, 0x830a0, 0x85048, 0x850a0, 0x86048, 0x8b048, 0x8b0a0, 0x8e048, 0xb4968, 0xb4a70, 0xb849c,
  0xb85a4,
];

/**
 * Which ring each traced offset belongs to. The real mapping is unconfirmed; this assignment (six CE
 * rings with MSI index 0–5, then DP groups 0–6) is a modelling choice, labelled as such in the UI.
 */
export const RING_ASSIGNMENT: readonly { offset: number; name: string; user: 'CE' | 'DP'; idx: number }[] =
  TRACED_RING_OFFSETS.map((offset, i) => {
    const ce = ['CE0', 'CE1', 'CE2', 'CE3', 'CE5', 'CE7'];
    return i < ce.length
      ? { offset, name: ce[i], user: 'CE' as const, idx: i }
      : { offset, name: `DP${i - ce.length}`, user: 'DP' as const, idx: i - ce.length };
  });

/** ath11k_msi_config[] for QCA6390/WCN6855 (hw2.0): total 32; MHI 3@0, CE 10@3, WAKE 1@13, DP 18@14. */
export const ATH11K_MSI_USERS = {
  total: 32,
  MHI: { n: 3, base: 0 },
  CE: { n: 10, base: 3 },
  WAKE: { n: 1, base: 13 },
  DP: { n: 18, base: 14 },
};
