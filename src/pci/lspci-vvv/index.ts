/**
 * `vfio-explorer decode FILE --format lspci`: for every device of a dump, what `lspci -F FILE -vvv` from
 * pciutils 3.9.0 prints, line for line. Two things differ by design: the title line is the dump's own header
 * line (lspci rebuilds it from pci.ids), and subsystems are shown as IDs (`8086:5010`, as `lspci -n` does)
 * because the name database is not part of the explorer.
 */
import { slotOfAddress, type LspciDevice } from '../lspci';
import { showCaps } from './caps';
import { showHeader } from './header';
import { ConfigView, LspciDied, Out, hx, type Slot } from './reader';

/** A dump without a header line (a sysfs binary) gets the title `lspci -n` would print for slot 00:00.0. */
function titleOf(d: LspciDevice, cfg: ConfigView): string {
  if (d.address) return d.title ? `${d.address} ${d.title}` : d.address;
  const rev = cfg.u8(0x08);
  return `00:00.0 ${hx(cfg.u16(0x0a), 4)}: ${hx(cfg.u16(0), 4)}:${hx(cfg.u16(2), 4)}${rev ? ` (rev ${hx(rev, 2)})` : ''}`;
}

/** One device: title, header, capabilities, and the blank line lspci ends every device with. */
function showDevice(device: LspciDevice, out: Out): void {
  const cfg = new ConfigView(device.bytes, slotOfAddress(device.address));
  out.line(titleOf(device, cfg));
  const pointer = showHeader(cfg, out);
  if (pointer !== null) showCaps({ cfg, out, expType: -1 }, pointer);
  out.line('');
}

const slotKey = (s: Slot) => [s.domain, s.bus, s.dev, s.fn];

/**
 * All devices in lspci's order (domain, bus, device, function; sort_them in lspci.c). Where lspci would die
 * on a byte it never fetched, the text ends exactly where lspci's does, and no later device is shown.
 */
export function formatLspciVvv(devices: readonly LspciDevice[]): string {
  const keyed = devices.map((d, i) => ({ d, key: slotKey(slotOfAddress(d.address)), i }));
  keyed.sort((a, b) => {
    for (let k = 0; k < 4; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
    return a.i - b.i;
  });
  const out = new Out();
  try {
    for (const { d } of keyed) showDevice(d, out);
  } catch (e) {
    if (!(e instanceof LspciDied)) throw e;
  }
  return out.text();
}
