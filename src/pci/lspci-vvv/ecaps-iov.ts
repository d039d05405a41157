/** SR-IOV and (VF) Resizable BAR (cap_sriov, cap_rebar in pciutils 3.9.0 ls-ecaps.c). */
import { rebarSize } from '../ecaps/bars';
import { bits, flags, hx, sign, type Ctx } from './reader';

export function capSriov({ cfg, out }: Ctx, where: number): void {
  out.line('Single Root I/O Virtualization (SR-IOV)');
  if (!cfg.has(where + 4, 0x3c)) return;
  const c = cfg.u32(where + 4);
  out.line(
    `\t\tIOVCap:\tMigration${sign(c, 1)} 10BitTagReq${sign(c, 4)} Interrupt Message Number: ${hx(c >>> 21, 3)}`,
  );
  const ctl = cfg.u16(where + 8);
  out.line(
    `\t\tIOVCtl:\t${flags(ctl, [
      ['Enable', 0x1],
      ['Migration', 0x2],
      ['Interrupt', 0x4],
      ['MSE', 0x8],
      ['ARIHierarchy', 0x10],
      ['10BitTagReq', 0x20],
    ])}`,
  );
  out.line(`\t\tIOVSta:\tMigration${sign(cfg.u16(where + 10), 1)}`);
  out.line(
    `\t\tInitial VFs: ${cfg.u16(where + 12)}, Total VFs: ${cfg.u16(where + 14)}, Number of VFs: ${cfg.u16(where + 16)}, Function Dependency Link: ${hx(cfg.u8(where + 18), 2)}`,
  );
  out.line(
    `\t\tVF offset: ${cfg.u16(where + 20)}, stride: ${cfg.u16(where + 22)}, Device ID: ${hx(cfg.u16(where + 26), 4)}`,
  );
  out.line(
    `\t\tSupported Page Size: ${hx(cfg.u32(where + 28), 8)}, System Page Size: ${hx(cfg.u32(where + 32), 8)}`,
  );
  for (let i = 0; i < 6; i++) {
    let l = cfg.u32(where + 0x24 + 4 * i);
    if (l === 0xffffffff) l = 0;
    if (!l) continue;
    const start = i;
    let upper = '';
    const is64 = (l & 6) === 4;
    if (is64) upper = hx(cfg.u32(where + 0x24 + 4 * ++i), 8);
    out.line(
      `\t\tRegion ${start}: Memory at ${upper}${hx((l & ~0xf) >>> 0, 8)} (${(l & 6) === 0 ? '32' : '64'}-bit, ${l & 8 ? '' : 'non-'}prefetchable)`,
    );
  }
  const m = cfg.u32(where + 0x3c);
  out.line(`\t\tVF Migration: offset: ${hx((m & ~7) >>> 0, 8)}, BIR: ${hx(m & 7)}`);
}

const rebarSizeWord = (code: number) => ` ${rebarSize(code)}`;

export function capRebar({ cfg, out }: Ctx, where: number, virtual: boolean): void {
  out.line(`${virtual ? 'Virtual' : 'Physical'} Resizable BAR`);
  let count = 1;
  let pos = where;
  for (let n = 0; n < count; n++) {
    pos += 4;
    if (!cfg.has(pos, 8)) {
      out.line('\t\t<unreadable>');
      return;
    }
    const sizes = cfg.u32(pos) >>> 4;
    pos += 4;
    const ctl = cfg.u32(pos);
    const ext = bits(ctl, 16, 16);
    if (n === 0) {
      count = bits(ctl, 5, 3);
      if (count < 1 || count > 6) {
        out.line(`\t\t<error in resizable BAR: num_bars=${count} is out of specification>`);
        break;
      }
    }
    let line = `\t\tBAR ${ctl & 7}: current size:${rebarSizeWord(bits(ctl, 8, 6))}`;
    if (sizes || ext) {
      line += ', supported:';
      for (let i = 0; i < 28; i++) if (sizes & (1 << i)) line += rebarSizeWord(i);
      for (let i = 0; i < 16; i++) if (ext & (1 << i)) line += rebarSizeWord(i + 28);
    }
    out.line(line);
  }
}
