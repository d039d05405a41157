/**
 * The PCIe capability's "2" registers (DEVCAP2 … LNKSTA2), read in lspci's words (pciutils 3.9.0
 * `cap_express_dev2` / `cap_express_link2`): completion timeouts, OBFF, emergency power reduction,
 * speed vectors, de-emphasis and compliance presets.
 */

/** DEVCAP2[3:0]: the completion timeout ranges a function supports. */
export const TIMEOUT_RANGES: Readonly<Record<number, string>> = {
  0: 'Not Supported',
  1: 'Range A',
  2: 'Range B',
  3: 'Range AB',
  6: 'Range BC',
  7: 'Range ABC',
  14: 'Range BCD',
  15: 'Range ABCD',
};

/** DEVCTL2[3:0]: the completion timeout programmed. */
export const TIMEOUT_VALUES: Readonly<Record<number, string>> = {
  0: '50us to 50ms',
  1: '50us to 100us',
  2: '1ms to 10ms',
  5: '16ms to 55ms',
  6: '65ms to 210ms',
  9: '260ms to 900ms',
  10: '1s to 3.5s',
  13: '4s to 13s',
  14: '17s to 64s',
};

export const OBFF_SUPPORT = ['Not Supported', 'Via message', 'Via WAKE#', 'Via message/WAKE#'];
export const OBFF_CONTROL = ['Disabled', 'Via message A', 'Via message B', 'Via WAKE#'];
export const EPR = ['Not Supported', 'Dev Specific', 'Form Factor Dev Specific', 'Reserved'];
export const LN_CLS = ['Not Supported', '64byte cachelines', '128byte cachelines', 'Reserved'];
export const TPH_COMPLETER = ['TPHComp- ExtTPHComp-', 'TPHComp+ ExtTPHComp-', '', 'TPHComp+ ExtTPHComp+'];
export const DEEMPHASIS = ['-6dB', '-3.5dB'];
export const CROSSLINK = ['unsupported', 'Upstream Port', 'Downstream Port', 'incomplete'];

export const TRANSMIT_MARGIN: Readonly<Record<number, string>> = {
  0: 'Normal Operating Range',
  1: '800-1200mV(full-swing)/400-700mV(half-swing)',
  2: '200-400mV(full-swing)/100-200mV(half-swing)',
  3: '200-400mV(full-swing)/100-200mV(half-swing)',
  4: '200-400mV(full-swing)/100-200mV(half-swing)',
  5: '200-400mV(full-swing)/100-200mV(half-swing)',
};

export const PRESETS = [
  '-6dB de-emphasis, 0dB preshoot',
  '-3.5dB de-emphasis, 0dB preshoot',
  '-4.4dB de-emphasis, 0dB preshoot',
  '-2.5dB de-emphasis, 0dB preshoot',
  '0dB de-emphasis, 0dB preshoot',
  '0dB de-emphasis, 1.9dB preshoot',
  '0dB de-emphasis, 2.5dB preshoot',
  '-6.0dB de-emphasis, 3.5dB preshoot',
  '-3.5dB de-emphasis, 3.5dB preshoot',
  '0dB de-emphasis, 3.5dB preshoot',
];

export const COMPONENT: Readonly<Record<number, string>> = {
  0: 'Link Down - Not Determined',
  1: 'Link Down - Not Present',
  2: 'Link Down - Present',
  4: 'Link Up - Present',
  5: 'Link Up - Present and DRS Received',
};

/**
 * LNKCAP2's supported-speeds vector (bits 7:1, shifted down): a device supports every rate up to its
 * highest, so lspci names the range ("2.5-8GT/s").
 */
export function speedVector(vector: number): string {
  if (vector & 0x60) return 'RsvdP';
  const top = ['32', '16', '8', '5'].find((_, i) => vector & (0x10 >> i));
  if (top) return `2.5-${top}GT/s`;
  return vector & 1 ? '2.5GT/s' : 'Unknown';
}

/**
 * The device/port type of the function's PCI Express capability (PCI_EXP_FLAGS_TYPE), -1 without one:
 * lspci prints some extended capabilities' fields only for some types. Like lspci it takes the last
 * PCIe capability on the standard chain; the walk is bounded by the 48 dwords a chain can visit.
 */
export function expressPortType(c: { config(offset: number, size: 1 | 2 | 4): number }): number {
  const headerType = c.config(0x0e, 1) & 0x7f;
  if (!(c.config(0x06, 2) & 0x10)) return -1;
  let type = -1;
  let pos = c.config(headerType === 2 ? 0x14 : 0x34, 1) & ~3;
  for (let steps = 0; pos >= 0x40 && steps < 48; steps++) {
    if (c.config(pos, 1) === 0x10) type = (c.config(pos + 2, 2) >> 4) & 0xf;
    pos = c.config(pos + 1, 1) & ~3;
  }
  return type;
}
