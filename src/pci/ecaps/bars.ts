/** Resizable BARs: physical (0x15) and VF (0x24). One 8-byte cap/control pair per BAR. */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { says, shownWhen, type MeaningContext } from '../meaning';

const PCI_REBAR_CTRL = 0x08;
const PCI_REBAR_CTRL_NBAR_MASK = 0xe0;

/** vfio_ext_cap_len(): 4 + 8 × the BAR count in the first control register. */
const nbars = (v: CapView) => (v.u8(PCI_REBAR_CTRL) & PCI_REBAR_CTRL_NBAR_MASK) >> 5;
export const rebarLength = (v: CapView) => 4 + 8 * nbars(v);

/** A resizable size code as lspci names it (print_rebar_range_size): 2^code MB, `<unknown>` past 2^43 MB. */
export function rebarSize(code: number): string {
  if (code < 0 || code >= 44) return '<unknown>';
  return `${2 ** (code % 10)}${['MB', 'GB', 'TB', 'PB', 'EB'][Math.floor(code / 10)]}`;
}

/** The sizes whose bits are set, from code `first` up, as lspci lists them ("1MB 2MB 256MB 16GB"). */
function sizeList(vector: number, first: number): string {
  const out: string[] = [];
  for (let i = 0; i < 32; i++) if ((vector >>> i) & 1) out.push(rebarSize(i + first));
  return out.join(' ');
}

/**
 * lspci (cap_rebar) prints the entries only when the first control register's BAR count is 1 to 6 (else an
 * error line), each as "BAR n: current size: S, supported: …" with one list for both size fields, and the
 * list only when either field is non-zero: the capability register's sizes say "supported:", the control
 * register's larger ones continue it (or start it when the first field is empty).
 */
const entriesShown = (c: MeaningContext) => {
  const count = (c.at(PCI_REBAR_CTRL, 1) & PCI_REBAR_CTRL_NBAR_MASK) >> 5;
  return count >= 1 && count <= 6;
};

function registers(v: CapView): RegDef[] {
  const regs: RegDef[] = [];
  for (let i = 0; i < Math.max(1, nbars(v)); i++) {
    const capAt = 0x04 + 8 * i;
    regs.push(
      reg(`PCI_REBAR_CAP(${i})`, capAt, 4, [
        bit(
          'PCI_REBAR_CAP_SIZES',
          0xfffffff0,
          says('supported', (v, c) => (entriesShown(c) && v ? `supported: ${sizeList(v, 0)}` : undefined)),
        ),
      ]),
    );
    regs.push(
      reg(`PCI_REBAR_CTRL(${i})`, capAt + 4, 4, [
        bit(
          'PCI_REBAR_CTRL_BAR_IDX',
          0x0007,
          shownWhen(
            entriesShown,
            says('BAR', (v) => `BAR ${v}`),
          ),
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
          shownWhen(
            entriesShown,
            says('current size', (v) => `current size: ${rebarSize(v)}`),
          ),
        ),
        bit(
          'PCI_REBAR_CTRL_EXT_SIZES',
          0xffff0000,
          says('supported', (v, c) => {
            if (!entriesShown(c) || !v) return undefined;
            return c.at(capAt, 4) >>> 4 ? sizeList(v, 28) : `supported: ${sizeList(v, 28)}`;
          }),
        ),
      ]),
    );
  }
  return regs;
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
