/** Resizable BARs: physical (0x15) and VF (0x24). One 8-byte cap/control pair per BAR. */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { says } from '../meaning';

const PCI_REBAR_CTRL = 0x08;
const PCI_REBAR_CTRL_NBAR_MASK = 0xe0;

/** vfio_ext_cap_len(): 4 + 8 × the BAR count in the first control register. */
const nbars = (v: CapView) => (v.u8(PCI_REBAR_CTRL) & PCI_REBAR_CTRL_NBAR_MASK) >> 5;
export const rebarLength = (v: CapView) => 4 + 8 * nbars(v);

function registers(v: CapView): RegDef[] {
  const regs: RegDef[] = [];
  for (let i = 0; i < Math.max(1, nbars(v)); i++) {
    regs.push(
      reg(`PCI_REBAR_CAP(${i})`, 0x04 + 8 * i, 4, [
        bit(
          'PCI_REBAR_CAP_SIZES',
          0xfffffff0,
          says('supported', (v) => `supported:${sizesOf(v, 0)}`),
        ),
      ]),
    );
    regs.push(
      reg(`PCI_REBAR_CTRL(${i})`, 0x08 + 8 * i, 4, [
        bit(
          'PCI_REBAR_CTRL_BAR_IDX',
          0x0007,
          says('BAR', (v) => `BAR ${v}`),
        ),
        bit(
          'PCI_REBAR_CTRL_NBAR_MASK',
          PCI_REBAR_CTRL_NBAR_MASK,
          says('BARs', (v) => `${v} resizable BARs`),
        ),
        bit(
          'PCI_REBAR_CTRL_BAR_SIZE',
          0x3f00,
          'rw',
          says('current size', (v) => `current size:${sizesOf(1, v)}`),
        ),
        bit(
          'PCI_REBAR_CTRL_EXT_SIZES',
          0xffff0000,
          says('supported', (v) => `supported:${sizesOf(v, 28)}`),
        ),
      ]),
    );
  }
  return regs;
}

/** Sizes as powers of two from 1MB (code 0) up, as lspci lists them: " 1MB 2MB 256MB 16GB". */
function sizesOf(vector: number, firstCode: number): string {
  const units = ['MB', 'GB', 'TB', 'PB', 'EB'];
  let out = '';
  for (let i = 0; i < 32; i++)
    if ((vector >>> i) & 1) {
      const code = i + firstCode;
      out += ` ${2 ** (code % 10)}${units[Math.floor(code / 10)]}`;
    }
  return out || ' none';
}

const rebarFamily = (id: number, macro: string, name: string): CapabilityDef => ({
  id,
  macro,
  name,
  length: (v) => 4 + 8 * Math.max(1, nbars(v)),
  registers,
});

export const rebar = rebarFamily(0x15, 'PCI_EXT_CAP_ID_REBAR', 'Physical Resizable BAR');
export const vfRebar = rebarFamily(0x24, 'PCI_EXT_CAP_ID_VF_REBAR', 'VF Resizable BAR');
