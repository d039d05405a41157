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

const VENDORS: Record<string, string> = {
  '8086': 'Intel',
  '1002': 'AMD',
  '15b3': 'Mellanox',
  '168c': 'Qualcomm Atheros',
  '1af4': 'Red Hat virtio',
  '1b36': 'QEMU',
  '1106': 'VIA',
  '1217': 'O2 Micro',
};

function labelOf(id: string): string {
  const [vendor, device, ...words] = id.split('-');
  return `${VENDORS[vendor] ?? vendor} ${vendor}:${device} — ${words.join(' ')}`;
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
  label: `Qualcomm 17cb:${deviceId.toString(16)} — ${name} (ath11k, reconstructed)`,
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
