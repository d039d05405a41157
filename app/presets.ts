/** The real lspci dumps shipped in test/fixtures/lspci, loaded on demand (one small chunk each). */
const loaders = import.meta.glob<string>(
  ['../test/fixtures/lspci/*.txt', '!../test/fixtures/lspci/*.vvv.txt'],
  {
    query: '?raw',
    import: 'default',
  },
);

export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly load: () => Promise<string>;
}

/** `8086-095a-wireless-7265-wifi` → "Intel 8086:095a wireless 7265 wifi". */
function labelOf(id: string): string {
  const [vendor, device, ...words] = id.split('-');
  const vendors: Record<string, string> = {
    '8086': 'Intel',
    '1002': 'AMD',
    '15b3': 'Mellanox',
    '168c': 'Qualcomm Atheros',
    '1af4': 'Red Hat virtio',
    '1b36': 'QEMU',
    '1106': 'VIA',
    '1217': 'O2 Micro',
  };
  return `${vendors[vendor] ?? vendor} ${vendor}:${device} — ${words.join(' ')}`;
}

export const PRESETS: readonly Preset[] = Object.entries(loaders)
  .map(([path, load]) => {
    const id = path
      .split('/')
      .pop()!
      .replace(/\.txt$/, '');
    return { id, label: labelOf(id), load };
  })
  .sort((a, b) => a.label.localeCompare(b.label));

export const DEFAULT_PRESET = '8086-095a-wireless-7265-wifi';
