/** `vfio-explorer perm`: each decoded register with the virt/write masks vfio-pci applies to it. */
import { decodeConfig } from '../pci/decode';
import { hexOffset, hexValue } from '../pci/format';
import { createVfioDevice } from '../vfio/create-device';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../vfio/constants';
import { readLE } from '../util/bytes';
import { EngineError } from '../errors';

export interface PermRow {
  readonly register: string;
  readonly offset: number;
  readonly size: number;
  readonly virt: number;
  readonly write: number;
  readonly read: string;
  readonly writeHandler: string;
  readonly why: string;
}

export function permRows(bytes: Uint8Array, novirt: boolean): PermRow[] {
  const dev = createVfioDevice(bytes);
  if (novirt) {
    const ret = dev.deviceFeature(VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, 8);
    if (ret)
      throw new EngineError(
        'errno',
        `VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT failed with ${ret === -25 ? '-ENOTTY (no MSI capability)' : ret}`,
        ret,
      );
  }
  const perm = dev.perm;
  const d = decodeConfig(bytes.subarray(0, dev.cfgSize));
  const fields = [
    ...d.header.fields,
    ...d.capabilities.flatMap((c) => c.fields),
    ...d.extendedCapabilities.flatMap((c) => c.fields),
  ];
  return fields.map((f) => {
    const how = dev.describe(f.offset);
    return {
      register: f.name,
      offset: f.offset,
      size: f.size,
      virt: readLE(perm.virt, f.offset, f.size),
      write: readLE(perm.write, f.offset, f.size),
      read: how.read,
      writeHandler: how.write ?? 'none (dropped)',
      why: how.why,
    };
  });
}

export function formatPermRows(title: string, rows: readonly PermRow[]): string {
  const lines = [
    title,
    `${'register'.padEnd(30)} ${'offset'.padEnd(6)} ${'virt'.padEnd(10)} ${'write'.padEnd(10)} handlers`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.register.padEnd(30)} ${hexOffset(r.offset).padEnd(6)} ${hexValue(r.virt, r.size).padEnd(10)} ${hexValue(r.write, r.size).padEnd(10)} ${r.read}/${r.writeHandler}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
