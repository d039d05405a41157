/**
 * Device presets: the real lspci dumps in test/fixtures/lspci (lazy-loaded, one chunk each) and the
 * ath11k parts whose config space the engine reconstructs from documented facts.
 */
import { ath11kConfig, ATH11K_RECONSTRUCTION_NOTE, parseLspciDump } from '../src/index';

const loaders = import.meta.glob<string>(
  ['../test/fixtures/lspci/*.txt', '!../test/fixtures/lspci/*.vvv.txt'],
  {
    query: '?raw',
    import: 'default',
  },
);

export interface LoadedDevice {
  readonly bytes: Uint8Array;
  readonly title: string;
}

export interface Preset {
  readonly id: string;
  readonly label: string;
  /** Shown in the UI when the bytes are not a real dump. */
  readonly note?: string;
  readonly load: () => Promise<LoadedDevice>;
}

/**
 * What the device menu calls each dump: the part as people name it and the Linux driver that binds it
 * (the dumps' own lspci lines name vendor and part; the driver is the in-tree one for that ID).
 */
const NAMES: Record<string, string> = {
  '1002-7300-fiji-radeon-r9-fury-gpu': 'AMD Radeon R9 Fury, Fiji (amdgpu)',
  '1106-3483-vl805-xhci-usb3': 'VIA VL805 USB 3.0 xHCI (xhci_hcd)',
  '1217-7136-oz711sp1-cardbus-bridge': 'O2 Micro OZ711SP1 CardBus bridge (yenta_cardbus)',
  '15b3-1019-connectx5-ex-nic': 'Mellanox ConnectX-5 Ex (mlx5_core)',
  '168c-003c-qca988x-ath10k-wifi': 'Qualcomm Atheros QCA988x 802.11ac (ath10k_pci)',
  '1af4-1000-virtio-net-qemu': 'Red Hat virtio-net in QEMU (virtio-pci)',
  '1b36-0010-qemu-nvme-sriov-pf': 'QEMU NVMe with SR-IOV (nvme)',
  '8086-095a-wireless-7265-wifi': 'Intel Wireless 7265 (iwlwifi)',
  '8086-10c9-82576-igb-sriov': 'Intel 82576 Gigabit with SR-IOV (igb)',
  '8086-2829-ich8m-ahci-sata': 'Intel ICH8M SATA in AHCI mode (ahci)',
  '8086-284b-ich8-hda-audio': 'Intel ICH8 HD Audio (snd_hda_intel)',
  '8086-3408-x58-root-port': 'Intel X58 PCIe root port (pcieport)',
};

/** A dump without a name in the table still gets a readable one: its vendor:device and file words. */
function labelOf(id: string): string {
  const [vendor, device, ...words] = id.split('-');
  return NAMES[id] ?? `${vendor}:${device} ${words.join(' ')}`;
}

const fixtures: Preset[] = Object.entries(loaders).map(([path, load]) => {
  const id = path
    .split('/')
    .pop()!
    .replace(/\.txt$/, '');
  return {
    id,
    label: labelOf(id),
    load: async () => {
      const [d] = parseLspciDump(await load());
      return { bytes: d.bytes, title: [d.address, d.title].filter(Boolean).join(' ') };
    },
  };
});

const ath = (id: string, deviceId: 0x1101 | 0x1103, name: string): Preset => ({
  id,
  label: `Qualcomm ${name} (ath11k, reconstructed)`,
  note: ATH11K_RECONSTRUCTION_NOTE,
  load: async () => ({
    bytes: ath11kConfig({ deviceId, msi: 'host' }),
    title: `02:00.0 Network controller: Qualcomm ${name} [17cb:${deviceId.toString(16)}] (reconstructed)`,
  }),
});

export const PRESETS: readonly Preset[] = [
  ath('qca6390', 0x1101, 'QCA6390'),
  ath('wcn6855', 0x1103, 'WCN6855'),
  // Plain code-unit order: localeCompare would start up ICU's collator on the first screen (~25 ms).
  ...fixtures.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
];
